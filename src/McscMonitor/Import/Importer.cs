using McscMonitor.Approvals;
using McscMonitor.Core.Approval;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Core.Names;
using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Import;

public sealed record TableCount(string Table, int Added, int Updated, int Unchanged);

/// <param name="UnlistedErrors">Errors past the listed ones, counted but not kept.</param>
public sealed record ImportOutcome(IReadOnlyList<ImportError> Errors, IReadOnlyList<TableCount> Counts, int UnlistedErrors = 0)
{
    public bool Succeeded => Errors.Count == 0;

    public int ErrorCount => Errors.Count + UnlistedErrors;

    /// <summary>Refused because another import was running; nothing was checked or written.</summary>
    public bool AnotherImportRunning { get; init; }

    public static ImportOutcome Busy() =>
        new([new ImportError("", null, null, Messages.Current["importRunning"])], []) { AnotherImportRunning = true };

    public static ImportOutcome Rejected(IReadOnlyList<ImportError> errors, ImportLimits limits)
    {
        var collected = new ImportErrors(limits.MaxReportedErrors);
        collected.AddRange(errors);
        return collected.ToOutcome();
    }
}

/// <summary>
/// Imports exchange tables all or nothing: every row is checked first, every error is
/// reported, and only a clean import is written, in one transaction. Rows are matched on
/// their natural keys, so importing the same rows again changes nothing.
/// </summary>
public sealed class Importer(McscDbContext db, ImportLimits limits, ImportGate gate)
{
    private sealed record Parsed<T>(T Record, string MunicipalityCode, ExchangeTable Table, ExchangeRow Row);

    private readonly ImportErrors _errors = new(limits.MaxReportedErrors);
    private ILookup<string, Approval> _closedYears = Enumerable.Empty<Approval>().ToLookup(a => a.MunicipalityCode);

    /// <summary>Nothing of a rejected import stays: the transaction is not committed and nothing tracked is kept.</summary>
    private ImportOutcome Rejected()
    {
        db.ChangeTracker.Clear();
        return _errors.ToOutcome();
    }
    private string? _onlyMunicipality;

    /// <param name="onlyMunicipality">When set, rows of any other municipality are errors (a municipal officer's import).</param>
    public async Task<ImportOutcome> ImportAsync(
        IReadOnlyList<ExchangeTable> tables, IProgress<double>? progress = null, string? onlyMunicipality = null,
        CancellationToken cancellationToken = default)
    {
        using var turn = await gate.TryEnterAsync(cancellationToken);
        if (turn is null) return ImportOutcome.Busy();
        _onlyMunicipality = onlyMunicipality;
        _errors.Clear();
        var municipalities = await db.Municipalities.AsNoTracking().ToListAsync(cancellationToken);
        var matcher = new MunicipalityMatcher(municipalities);

        tables = tables.Select(t => ExchangeFormat.Recognise(t.Name, t.Headers) is { } schema ? t with { Name = schema.Name } : t).ToList();
        CheckTables(tables);
        if (_errors.Count > 0) return _errors.ToOutcome();

        var councils = ParseTable(tables, ExchangeFormat.Councils, matcher, ParseCouncil);
        var members = ParseTable(tables, ExchangeFormat.Members, matcher, ParseMember);
        var meetings = ParseTable(tables, ExchangeFormat.Meetings, matcher, ParseMeeting);
        var workPlans = ParseTable(tables, ExchangeFormat.WorkPlans, matcher, ParseWorkPlan);
        var compensation = ParseTable(tables, ExchangeFormat.Compensation, matcher, ParseCompensation);
        progress?.Report(0.3);

        RejectDuplicates(councils, c => c.MunicipalityCode, "municipality");
        RejectDuplicates(members, m => (m.MunicipalityCode, m.Record.MemberRef), "member_ref");
        RejectDuplicates(meetings, m => (m.MunicipalityCode, m.Record.Date), "date");
        RejectDuplicates(workPlans, w => (w.MunicipalityCode, w.Record.Year), "year");
        RejectDuplicates(compensation, c => (c.MunicipalityCode, c.Record.Year), "year");

        // Only the councils the file speaks of, with only the records it holds: a one-row file reads one council's rows, not the database.
        var codes = councils.Select(c => c.MunicipalityCode).Concat(members.Select(m => m.MunicipalityCode))
            .Concat(meetings.Select(m => m.MunicipalityCode)).Concat(workPlans.Select(w => w.MunicipalityCode)).Distinct().ToList();
        var councilsInFile = db.Councils.Where(c => codes.Contains(c.MunicipalityCode));
        if (members.Count > 0) councilsInFile = councilsInFile.Include(c => c.Members);
        if (meetings.Count > 0) councilsInFile = councilsInFile.Include(c => c.Meetings);
        if (workPlans.Count > 0) councilsInFile = councilsInFile.Include(c => c.WorkPlans);
        var stored = await councilsInFile.AsSplitQuery().ToDictionaryAsync(c => c.MunicipalityCode, cancellationToken);
        var councilsAfterImport = stored.Values.Select(c => (c.MunicipalityCode, c.EstablishedOn, c.DissolvedOn))
            .Concat(councils.Select(c => (c.MunicipalityCode, c.Record.EstablishedOn, c.Record.DissolvedOn)))
            .GroupBy(c => c.MunicipalityCode)
            .ToDictionary(group => group.Key, group => group.Last());
        CheckCouncilsExist(members, councilsAfterImport, municipalities, _ => null);
        CheckCouncilsExist(workPlans, councilsAfterImport, municipalities, _ => null);
        CheckCouncilsExist(meetings, councilsAfterImport, municipalities, meeting => meeting.Date);
        progress?.Report(0.5);

        if (_errors.Count > 0) return _errors.ToOutcome();

        // Years that are submitted, verified or locked: a row that would change one is an error, named by its row.
        _closedYears = (await db.Approvals.AsNoTracking().Where(a => a.State != ApprovalState.Draft).ToListAsync(cancellationToken))
            .ToLookup(a => a.MunicipalityCode);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await ImportGate.TryLockAcrossInstancesAsync(db, cancellationToken)) return ImportOutcome.Busy();
        var counts = new List<TableCount>
        {
            Upsert(ExchangeFormat.Councils.Name, councils,
                c => stored.GetValueOrDefault(c.MunicipalityCode),
                c => { db.Councils.Add(c.Record); stored[c.MunicipalityCode] = c.Record; },
                (existing, c) =>
                {
                    existing.EstablishedOn = c.EstablishedOn;
                    existing.AssemblyDecision = c.AssemblyDecision;
                    existing.DissolvedOn = c.DissolvedOn;
                }),
        };
        if (_errors.Count > 0) return Rejected();
        await db.SaveChangesAsync(cancellationToken);

        // Stored rows by natural key, looked up once each: no search through a council's rows per row of the file.
        var storedMembers = stored.Values.SelectMany(c => c.Members.Select(m => (Key: (c.MunicipalityCode, m.MemberRef), Row: m))).ToDictionary(x => x.Key, x => x.Row);
        var storedMeetings = stored.Values.SelectMany(c => c.Meetings.Select(m => (Key: (c.MunicipalityCode, m.Date), Row: m))).ToDictionary(x => x.Key, x => x.Row);
        var storedPlans = stored.Values.SelectMany(c => c.WorkPlans.Select(w => (Key: (c.MunicipalityCode, w.Year), Row: w))).ToDictionary(x => x.Key, x => x.Row);
        counts.Add(Upsert(ExchangeFormat.Members.Name, members,
            m => storedMembers.GetValueOrDefault((m.MunicipalityCode, m.Record.MemberRef)),
            m => stored[m.MunicipalityCode].Members.Add(m.Record),
            (existing, m) =>
            {
                // Erased personal data stays erased, whatever an old file says.
                if (existing.ErasedAtUtc is not null) (m.FullName, m.Gender, m.Community, m.Religion) = (existing.FullName, existing.Gender, existing.Community, existing.Religion);
                existing.FullName = m.FullName;
                existing.Gender = m.Gender;
                existing.Community = m.Community;
                existing.Religion = m.Religion;
                existing.Role = m.Role;
                existing.AppointedOn = m.AppointedOn;
                existing.LeftOn = m.LeftOn;
            }));
        counts.Add(Upsert(ExchangeFormat.Meetings.Name, meetings,
            m => storedMeetings.GetValueOrDefault((m.MunicipalityCode, m.Record.Date)),
            m => stored[m.MunicipalityCode].Meetings.Add(m.Record),
            (existing, m) =>
            {
                existing.Status = m.Status;
                existing.Attendees = m.Attendees;
                existing.WomenAttendees = m.WomenAttendees;
                existing.DiscussedSecurityIncidents = m.DiscussedSecurityIncidents;
                existing.DiscussedNonMajorityConcerns = m.DiscussedNonMajorityConcerns;
                existing.MinutesKept = m.MinutesKept;
            }));
        counts.Add(Upsert(ExchangeFormat.WorkPlans.Name, workPlans,
            w => storedPlans.GetValueOrDefault((w.MunicipalityCode, w.Record.Year)),
            w => stored[w.MunicipalityCode].WorkPlans.Add(w.Record),
            (existing, w) =>
            {
                existing.AdoptedOn = w.AdoptedOn;
                existing.AddressesNonMajorityConcerns = w.AddressesNonMajorityConcerns;
            }));

        var compensationCodes = compensation.Select(c => c.MunicipalityCode).Distinct().ToList();
        var storedCompensation = await db.Compensation.Where(c => compensationCodes.Contains(c.MunicipalityCode))
            .ToDictionaryAsync(c => (c.MunicipalityCode, c.Year), cancellationToken);
        counts.Add(Upsert(ExchangeFormat.Compensation.Name, compensation,
            c => storedCompensation.GetValueOrDefault((c.MunicipalityCode, c.Record.Year)),
            c => db.Compensation.Add(c.Record),
            (existing, c) =>
            {
                existing.Status = c.Status;
                existing.AmountPerMeetingEur = c.AmountPerMeetingEur;
            }));
        progress?.Report(0.8);

        if (_errors.Count > 0) return Rejected();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        progress?.Report(1.0);
        return new ImportOutcome([], counts.Where(count => count.Added + count.Updated + count.Unchanged > 0).ToList());
    }

    private void CheckTables(IReadOnlyList<ExchangeTable> tables)
    {
        foreach (var table in tables)
        {
            var schema = ExchangeFormat.Find(table.Name);
            if (schema is null)
            {
                _errors.Add(new ImportError(table.Source, null, null,
                    Messages.Format("unknownTable", ("table", table.Name), ("tables", string.Join(", ", ExchangeFormat.All.Select(s => s.Name))))));
                continue;
            }
            foreach (var missing in schema.Columns.Where(c => c.Required && !table.Headers.Contains(c.Name)))
                _errors.Add(new ImportError(table.Source, 1, missing.Name, Messages.Format("missingColumn", ("column", missing.Name))));
            foreach (var unknown in table.Headers.Where(h => !schema.ColumnNames.Contains(h)))
                _errors.Add(new ImportError(table.Source, 1, unknown,
                    Messages.Format("unknownColumn", ("column", unknown), ("columns", string.Join(", ", schema.ColumnNames)))));
            foreach (var repeated in table.Headers.GroupBy(h => h).Where(g => g.Count() > 1))
                _errors.Add(new ImportError(table.Source, 1, repeated.Key, Messages.Format("repeatedColumn", ("column", repeated.Key))));
            foreach (var row in table.Rows.Where(row => row.Cells.Count > table.Headers.Count))
                _errors.Add(new ImportError(table.Source, row.Number, null,
                    Messages.Format("cellCount", ("cells", row.Cells.Count), ("columns", table.Headers.Count))));
        }
        foreach (var repeated in tables.GroupBy(t => t.Name).Where(g => g.Count() > 1))
            _errors.Add(new ImportError(repeated.Last().Source, null, null, Messages.Format("repeatedTable", ("table", repeated.Key))));
    }

    private List<Parsed<T>> ParseTable<T>(
        IReadOnlyList<ExchangeTable> tables, ExchangeSchema schema, MunicipalityMatcher matcher,
        Func<RowReader, string, T?> parse) where T : class
    {
        var parsed = new List<Parsed<T>>();
        foreach (var table in tables.Where(t => t.Name == schema.Name))
        {
            foreach (var row in table.Rows)
            {
                var reader = new RowReader(schema, table, row, matcher, _errors);
                var municipality = reader.Municipality();
                if (municipality is not null && _onlyMunicipality is not null && municipality.Code != _onlyMunicipality)
                    reader.Error("municipality", Messages.Format("notOwnMunicipality", ("name", municipality.NameSq)));
                // The rest of the row is read even when its municipality is wrong: every error of a row is reported at once.
                var record = parse(reader, municipality?.Code ?? "");
                if (record is not null && reader.ErrorCount == 0)
                    parsed.Add(new Parsed<T>(record, municipality!.Code, table, row));
            }
        }
        return parsed;
    }

    private static Council? ParseCouncil(RowReader row, string municipality)
    {
        var established = row.Date("established_on");
        var dissolved = row.Date("dissolved_on");
        if (dissolved < established)
            row.Error("dissolved_on", Messages.Format("dissolvedBeforeEstablished", ("dissolved", IsoDate.Text(dissolved)), ("established", IsoDate.Text(established))));
        if (established is null) return null;
        return new Council
        {
            MunicipalityCode = municipality,
            EstablishedOn = established.Value,
            AssemblyDecision = row.Text("assembly_decision", maxLength: TextLimits.AssemblyDecision),
            DissolvedOn = dissolved,
        };
    }

    private static Member? ParseMember(RowReader row, string municipality)
    {
        var reference = row.Text("member_ref", maxLength: TextLimits.MemberRef);
        var fullName = row.Text("full_name", maxLength: TextLimits.FullName);
        var religion = row.Text("religion", maxLength: TextLimits.Religion);
        var gender = row.Code<Gender>("gender");
        var community = row.Code<Community>("community");
        var role = row.Code<MemberRole>("role");
        var appointed = row.Date("appointed_on");
        var left = row.Date("left_on");
        if (left < appointed)
            row.Error("left_on", Messages.Format("leftBeforeAppointed", ("left", IsoDate.Text(left)), ("appointed", IsoDate.Text(appointed))));
        if (reference is null || role is null || appointed is null) return null;
        return new Member
        {
            MemberRef = reference,
            FullName = fullName,
            Gender = gender ?? Gender.Unknown,
            Community = community,
            Religion = religion,
            Role = role.Value,
            AppointedOn = appointed.Value,
            LeftOn = left,
        };
    }

    private static Meeting? ParseMeeting(RowReader row, string municipality)
    {
        var date = row.Date("date");
        var status = row.Code<MeetingStatus>("status");
        var attendees = row.Count("attendees");
        var women = row.Count("women_attendees");
        if (RecordRules.WomenAboveAttendees(attendees, women) is { } tooManyWomen) row.Error("women_attendees", tooManyWomen);
        if (date is null || status is null) return null;
        return new Meeting
        {
            Date = date.Value,
            Status = status.Value,
            Attendees = attendees,
            WomenAttendees = women,
            DiscussedSecurityIncidents = row.Boolean("discussed_security_incidents"),
            DiscussedNonMajorityConcerns = row.Boolean("discussed_non_majority_concerns"),
            MinutesKept = row.Boolean("minutes_kept"),
        };
    }

    private static WorkPlan? ParseWorkPlan(RowReader row, string municipality)
    {
        var year = row.Year("year");
        var adopted = row.Date("adopted_on");
        var addresses = row.Boolean("addresses_non_majority_concerns");
        return year is null ? null : new WorkPlan { Year = year.Value, AdoptedOn = adopted, AddressesNonMajorityConcerns = addresses };
    }

    private static Core.Domain.Compensation? ParseCompensation(RowReader row, string municipality)
    {
        var year = row.Year("year");
        var status = row.Code<CompensationStatus>("status");
        var amount = row.Amount("amount_per_meeting_eur");
        if (year is null || status is null) return null;
        return new Core.Domain.Compensation
        {
            MunicipalityCode = municipality, Year = year.Value, Status = status.Value, AmountPerMeetingEur = amount,
        };
    }

    private void RejectDuplicates<T, TKey>(List<Parsed<T>> rows, Func<Parsed<T>, TKey> key, string column) where TKey : notnull
    {
        var firstRow = new Dictionary<TKey, Parsed<T>>();
        foreach (var row in rows.ToList())
        {
            if (firstRow.TryGetValue(key(row), out var first))
            {
                _errors.Add(new ImportError(row.Table.Source, row.Row.Number, column,
                    first.Table == row.Table
                        ? Messages.Format("repeatsRow", ("row", first.Row.Number))
                        : Messages.Format("repeatsRowIn", ("source", first.Table.Source), ("row", first.Row.Number))));
                rows.Remove(row);
            }
            else firstRow[key(row)] = row;
        }
    }

    private void CheckCouncilsExist<T>(
        List<Parsed<T>> rows,
        Dictionary<string, (string MunicipalityCode, DateOnly EstablishedOn, DateOnly? DissolvedOn)> councils,
        List<Municipality> municipalities,
        Func<T, DateOnly?> dateOf)
    {
        foreach (var row in rows)
        {
            var name = municipalities.First(m => m.Code == row.MunicipalityCode).NameSq;
            var exists = councils.TryGetValue(row.MunicipalityCode, out var council);
            var problem = RecordRules.NoCouncilOn(name, dateOf(row.Record) ?? council.EstablishedOn,
                exists ? council.EstablishedOn : null, exists ? council.DissolvedOn : null);
            if (problem is not null)
                _errors.Add(new ImportError(row.Table.Source, row.Row.Number, exists ? "date" : "municipality", problem));
        }
    }

    private void RefuseClosedYears(string municipalityCode, ExchangeTable table, ExchangeRow row, object? before, object after)
    {
        foreach (var closed in _closedYears[municipalityCode])
            if (YearContribution.Alters(before, after, closed.Year))
                _errors.Add(new ImportError(table.Source, row.Number, null, YearNotEditableException.Describe(municipalityCode, closed.Year, closed.State)));
    }

    private TableCount Upsert<T>(
        string table, List<Parsed<T>> rows, Func<Parsed<T>, T?> findExisting, Action<Parsed<T>> add, Action<T, T> copy)
        where T : class
    {
        int added = 0, updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            var existing = findExisting(row);
            var before = existing is null ? null : db.Entry(existing).CurrentValues.ToObject();
            if (existing is null)
            {
                RefuseClosedYears(row.MunicipalityCode, row.Table, row.Row, null, row.Record);
                add(row);
                added++;
                continue;
            }
            copy(existing, row.Record);
            RefuseClosedYears(row.MunicipalityCode, row.Table, row.Row, before, existing);
            // This row only: detecting changes across everything tracked, once per row, made a re-import quadratic.
            var entry = db.Entry(existing);
            entry.DetectChanges();
            if (entry.State == EntityState.Modified) updated++;
            else unchanged++;
        }
        return new TableCount(table, added, updated, unchanged);
    }
}
