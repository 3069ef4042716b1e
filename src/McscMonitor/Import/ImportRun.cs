using System.Runtime.CompilerServices;
using LinqToDB.Data;
using LinqToDB.EntityFrameworkCore;
using McscMonitor.Approvals;
using McscMonitor.Audit;
using McscMonitor.Core.Approval;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Core.Names;
using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Import;

/// <summary>A row that parsed cleanly, with where it came from; its cells are not kept.</summary>
internal sealed record Parsed<T>(T Record, string MunicipalityCode, ExchangeTable Table, int Row);

/// <summary>
/// What one import knows besides the rows streaming past: the municipalities, the councils
/// (stored, and as the file will leave them), the years that are closed, the errors so far and
/// how many rows have gone by.
/// </summary>
internal sealed class ImportRun : IDisposable
{
    private readonly IReadOnlyList<ExchangeTable> _tables;
    private readonly MunicipalityMatcher _matcher;
    private readonly Dictionary<string, Municipality> _municipalities;
    private readonly string? _onlyMunicipality;
    private ILookup<string, Approval> _closedYears;
    private readonly IProgress<ImportProgress>? _progress;
    private readonly HashSet<string> _municipalitiesSeen = [];
    private readonly McscDbContext _db;
    private Dictionary<string, int> _councilIds;
    private Dictionary<int, string> _councilCodes;
    private long _rows;
    private long _total;
    private bool _writing;

    private ImportRun(
        McscDbContext db, IReadOnlyList<ExchangeTable> tables, ImportErrors errors, List<Municipality> municipalities, string? onlyMunicipality,
        ILookup<string, Approval> closedYears, Dictionary<string, (int Id, DateOnly EstablishedOn, DateOnly? DissolvedOn)> councils,
        IProgress<ImportProgress>? progress)
    {
        _db = db;
        _tables = tables;
        Errors = errors;
        _matcher = new MunicipalityMatcher(municipalities);
        _municipalities = municipalities.ToDictionary(m => m.Code);
        _onlyMunicipality = onlyMunicipality;
        _closedYears = closedYears;
        _progress = progress;
        CouncilsAfterImport = councils.ToDictionary(c => c.Key, c => (c.Value.EstablishedOn, c.Value.DissolvedOn));
        _councilIds = councils.ToDictionary(c => c.Key, c => c.Value.Id);
        _councilCodes = _councilIds.ToDictionary(c => c.Value, c => c.Key);
    }

    public void Dispose() => ChangeSet.Dispose();

    public ImportErrors Errors { get; }

    /// <summary>Where the rows the import creates are recorded for its audit entry.</summary>
    public ChangeSetWriter ChangeSet { get; } = new();

    /// <summary>The years the bulk-copied rows count in (changed rows are saved, and their years moved on, by EF Core).</summary>
    public TouchedYears Touched { get; } = new();

    /// <summary>Each municipality's council as it will be once the file's councils are written.</summary>
    public Dictionary<string, (DateOnly EstablishedOn, DateOnly? DissolvedOn)> CouncilsAfterImport { get; }

    /// <summary>The one municipality the file's rows belong to, if they all belong to one: the import's audit entry is filed under it.</summary>
    public string? OnlyMunicipalitySeen => _onlyMunicipality ?? (_municipalitiesSeen.Count == 1 ? _municipalitiesSeen.Single() : null);

    public static async Task<ImportRun> StartAsync(
        McscDbContext db, IReadOnlyList<ExchangeTable> tables, ImportErrors errors, string? onlyMunicipality,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        // Synthetic units too: a generated data set is imported like any other.
        var municipalities = await db.Municipalities.AsNoTracking().ToListAsync(cancellationToken);
        var councils = await db.Councils.AsNoTracking()
            .Select(c => new { c.Id, c.MunicipalityCode, c.EstablishedOn, c.DissolvedOn })
            .ToDictionaryAsync(c => c.MunicipalityCode, c => (c.Id, c.EstablishedOn, c.DissolvedOn), cancellationToken);
        // Years that are submitted, verified or locked: a row that would change one is an error, named by its row.
        // Read again, under the lock, when the import writes (ReadClosedYearsAsync).
        var closed = await ClosedYears.ReadAsync(db, cancellationToken);
        return new ImportRun(db, tables, errors, municipalities, onlyMunicipality, closed, councils, progress);
    }

    /// <summary>
    /// The rows of a table that parse cleanly; every error of every other row is recorded as it
    /// goes by (unless <paramref name="countErrors"/> is false: a later pass over rows already
    /// checked). Once the errors reach the limit, the rest of the file is not read: an import's
    /// work is bounded by its errors, not only by its bytes.
    /// </summary>
    public IEnumerable<Parsed<T>> Parse<T>(ExchangeSchema schema, Func<RowReader, string, T?> parse, bool countErrors = true) where T : class
    {
        var errors = countErrors ? Errors : new ImportErrors(0);
        foreach (var table in _tables.Where(t => t.Name == schema.Name))
        {
            foreach (var row in table.Rows)
            {
                if (Errors.Stopped) yield break;
                Advance();
                if (row.Unreadable is not null)
                {
                    errors.Add(new ImportError(table.Source, row.Number, null, row.Unreadable));
                    continue;
                }
                if (row.Cells.Count > table.Headers.Count)
                {
                    errors.Add(new ImportError(table.Source, row.Number, null,
                        Messages.Format("cellCount", ("cells", row.Cells.Count), ("columns", table.Headers.Count))));
                    continue;
                }
                var reader = new RowReader(table, row, Match, errors);
                var municipality = reader.Municipality();
                if (municipality is not null && _onlyMunicipality is not null && municipality.Code != _onlyMunicipality)
                    reader.Error(RowReader.MunicipalityColumn, Messages.Format("notOwnMunicipality", ("name", municipality.NameSq)));
                // The rest of the row is read even when its municipality is wrong: every error of a row is reported at once.
                var record = parse(reader, municipality?.Code ?? "");
                if (record is null || reader.ErrorCount > 0) continue;
                _municipalitiesSeen.Add(municipality!.Code);
                yield return new Parsed<T>(record, municipality.Code, table, row.Number);
            }
        }
    }

    /// <summary>
    /// A file names the same few municipalities on row after row: each spelling is matched
    /// once. The memo is bounded, so a file of a million different names cannot grow it.
    /// </summary>
    private MunicipalityMatch Match(string name)
    {
        if (_matches.TryGetValue(name, out var known)) return known;
        var match = _matcher.Match(name);
        if (_matches.Count < MaxRememberedNames) _matches[name] = match;
        return match;
    }

    private const int MaxRememberedNames = 200_000;
    private readonly Dictionary<string, MunicipalityMatch> _matches = [];

    /// <summary>A member, meeting or work plan needs its municipality's council, existing on the record's date.</summary>
    public void CheckCouncil<T>(Parsed<T> row, DateOnly? date)
    {
        var exists = CouncilsAfterImport.TryGetValue(row.MunicipalityCode, out var council);
        var problem = RecordRules.NoCouncilOn(_municipalities[row.MunicipalityCode].NameSq, date ?? council.EstablishedOn,
            exists ? council.EstablishedOn : null, exists ? council.DissolvedOn : null);
        if (problem is not null)
            Errors.Add(new ImportError(row.Table.Source, row.Row, exists ? "date" : "municipality", problem));
    }

    /// <summary>A work plan or compensation record needs its municipality's council, existing in the record's year.</summary>
    public void CheckCouncilIn<T>(Parsed<T> row, int year)
    {
        var exists = CouncilsAfterImport.TryGetValue(row.MunicipalityCode, out var council);
        if (RecordRules.NoCouncilIn(_municipalities[row.MunicipalityCode].NameSq, year, exists ? council.EstablishedOn : null, exists ? council.DissolvedOn : null) is { } problem)
            Errors.Add(new ImportError(row.Table.Source, row.Row, exists ? "year" : "municipality", problem));
    }

    public bool HasClosedYears(string municipalityCode) => _closedYears.Contains(municipalityCode);

    public bool HasClosedYears() => _closedYears.Count > 0;

    /// <summary>In the write pass's transaction: the closed years as they are now, under the lock every write shares.</summary>
    public async Task ReadClosedYearsAsync(CancellationToken cancellationToken)
    {
        await ClosedYears.EnterRecordWriteAsync(_db, cancellationToken);
        _closedYears = await ClosedYears.ReadAsync(_db, cancellationToken);
    }

    public void RefuseClosedYears<T>(Parsed<T> row, object? before, object after)
    {
        foreach (var closed in _closedYears[row.MunicipalityCode])
            if (YearContribution.Alters(before, after, closed.Year))
                Errors.Add(new ImportError(row.Table.Source, row.Row, null, YearNotEditableException.Describe(row.MunicipalityCode, closed.Year, closed.State)));
    }

    /// <summary>Once the file's councils are written, the new ones have keys that their records point to.</summary>
    public async Task LoadCouncilIdsAsync(CancellationToken cancellationToken)
    {
        _councilIds = await _db.Councils.AsNoTracking().ToDictionaryAsync(c => c.MunicipalityCode, c => c.Id, cancellationToken);
        _councilCodes = _councilIds.ToDictionary(c => c.Value, c => c.Key);
    }

    /// <summary>
    /// The councils that held meetings before this import wrote any: only their rows can match
    /// a stored meeting (the file's own repeats are refused by the checking pass), so a batch for
    /// councils with none needs no lookup at all. Read at the first batch of meetings.
    /// </summary>
    public async Task<HashSet<int>> CouncilsWithStoredMeetingsAsync(CancellationToken cancellationToken) =>
        _councilsWithMeetings ??= [.. await _db.Meetings.Select(m => m.CouncilId).Distinct().ToListAsync(cancellationToken)];

    private HashSet<int>? _councilsWithMeetings;

    public List<int> CouncilIdsOf<T>(IEnumerable<Parsed<T>> rows) =>
        rows.Select(row => row.MunicipalityCode).Distinct().Where(_councilIds.ContainsKey).Select(code => _councilIds[code]).ToList();

    public string CodeOfCouncil(int councilId) => _councilCodes[councilId];

    /// <summary>A new member, meeting or work plan, pointed at its municipality's council.</summary>
    public T InCouncil<T>(Parsed<T> row) where T : EditableRecord
    {
        var councilId = _councilIds[row.MunicipalityCode];
        switch (row.Record)
        {
            case Member member: member.CouncilId = councilId; break;
            case Meeting meeting: meeting.CouncilId = councilId; break;
            case WorkPlan plan: plan.CouncilId = councilId; break;
        }
        return row.Record;
    }

    /// <summary>The second pass writes the rows the first one checked: progress counts them again, out of a known total.</summary>
    public void StartWriting()
    {
        (_total, _rows, _writing) = (_rows, 0, true);
        _progress?.Report(new ImportProgress(true, 0, _total));
    }

    private void Advance()
    {
        if (++_rows % 10_000 == 0) _progress?.Report(new ImportProgress(_writing, _rows, _total));
    }
}

internal interface ITableImport
{
    ExchangeSchema Schema { get; }

    /// <summary>First pass: every row parsed and checked, nothing written.</summary>
    void Check(ImportRun run);

    /// <summary>Between the passes, where some year is closed: every row that would alter one is an error.</summary>
    Task RefuseClosedYearsAsync(ImportRun run, CancellationToken cancellationToken);

    /// <summary>Second pass: rows written in batches, each batch's stored rows found by natural key in one query.</summary>
    Task<TableCount> WriteAsync(ImportRun run, CancellationToken cancellationToken);
}

/// <summary>How one table of the exchange format is checked and written.</summary>
/// <param name="key">A row's natural key: what makes importing it again an update, not a second row.</param>
/// <param name="councilDate">For records that belong to a council: the date the council must exist on (null: when it was established).</param>
/// <param name="load">The stored rows with the natural keys of a batch, tracked, by key.</param>
/// <param name="prepare">A new row made ready to write (pointed at its council).</param>
/// <param name="remember">What the first pass keeps of a row (a council's dates, for the records that follow).</param>
/// <param name="councilYear">For records of a year (work plans, compensation): the year the council must exist in.</param>
internal sealed class TableImport<T, TKey>(
    McscDbContext db,
    ExchangeSchema schema,
    Func<RowReader, string, T?> parse,
    Func<T, string, TKey> key,
    string keyColumn,
    Func<T, DateOnly?>? councilDate,
    Func<ImportRun, Parsed<T>[], CancellationToken, Task<Dictionary<TKey, T>>> load,
    Func<ImportRun, Parsed<T>, T> prepare,
    Action<T, T> copy,
    Action<ImportRun, Parsed<T>>? remember = null,
    Func<T, int>? councilYear = null) : ITableImport
    where T : EditableRecord
    where TKey : notnull
{
    public ExchangeSchema Schema => schema;

    public void Check(ImportRun run)
    {
        // Only natural keys and row numbers are kept, to name the first of two rows that say the same.
        var firstRows = new Dictionary<TKey, (ExchangeTable Table, int Row)>();
        foreach (var row in run.Parse(schema, parse))
        {
            var rowKey = key(row.Record, row.MunicipalityCode);
            if (firstRows.TryGetValue(rowKey, out var first))
            {
                run.Errors.Add(new ImportError(row.Table.Source, row.Row, keyColumn,
                    first.Table == row.Table
                        ? Messages.Format("repeatsRow", ("row", first.Row))
                        : Messages.Format("repeatsRowIn", ("source", first.Table.Source), ("row", first.Row))));
                continue;
            }
            firstRows[rowKey] = (row.Table, row.Row);
            remember?.Invoke(run, row);
            if (councilDate is not null) run.CheckCouncil(row, councilDate(row.Record));
            if (councilYear is not null) run.CheckCouncilIn(row, councilYear(row.Record));
        }
    }

    public Task RefuseClosedYearsAsync(ImportRun run, CancellationToken cancellationToken) => PassAsync(run, write: false, cancellationToken);

    public Task<TableCount> WriteAsync(ImportRun run, CancellationToken cancellationToken) => PassAsync(run, write: true, cancellationToken);

    /// <summary>
    /// Each batch's rows beside their stored versions, found by natural key in one query: every
    /// row that would alter a closed year is refused; when <paramref name="write"/>, and nothing
    /// was refused, the batch is written. Without <paramref name="write"/> only the rows of
    /// municipalities with closed years are looked at, and their parse errors are not counted again.
    /// </summary>
    private async Task<TableCount> PassAsync(ImportRun run, bool write, CancellationToken cancellationToken)
    {
        int added = 0, updated = 0, unchanged = 0;
        var entityType = db.Model.FindEntityType(typeof(T))!;
        var compared = entityType.GetProperties().Where(p => !p.IsPrimaryKey()).ToArray();
        var rows = write ? run.Parse(schema, parse) : run.Parse(schema, parse, countErrors: false).Where(row => run.HasClosedYears(row.MunicipalityCode));
        foreach (var batch in rows.Chunk(Importer.BatchSize))
        {
            // Stored rows are read untracked: most of a re-import is unchanged, and only a changed row is attached.
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            Dictionary<TKey, T> stored;
            try
            {
                stored = await load(run, batch, cancellationToken);
            }
            finally
            {
                db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.TrackAll;
            }
            var created = new List<T>();
            foreach (var row in batch)
            {
                var rowKey = key(row.Record, row.MunicipalityCode);
                if (!stored.TryGetValue(rowKey, out var existing))
                {
                    run.RefuseClosedYears(row, null, row.Record);
                    // After a refused row, the rest is still checked (every error is reported) but nothing more is written.
                    if (!write || run.Errors.Count > 0) continue;
                    var record = prepare(run, row);
                    record.Version = 1;
                    created.Add(record);
                    // Written without the change tracker, so without a key yet: the change set names the row by its natural key.
                    run.ChangeSet.AddCreated(entityType, record, NaturalKey(rowKey), row.MunicipalityCode);
                    run.Touched.Add(record);
                    added++;
                    continue;
                }
                // The stored values are copied only where a closed year could be altered: most municipalities have none.
                var before = run.HasClosedYears(row.MunicipalityCode) ? db.Entry(existing).CurrentValues.ToObject() : null;
                var storedValues = Array.ConvertAll(compared, property => property.GetGetter().GetClrValue(existing));
                copy(existing, row.Record);
                if (before is not null) run.RefuseClosedYears(row, before, existing);
                if (!write) continue;
                var changed = Enumerable.Range(0, compared.Length).Where(index => !Equals(storedValues[index], compared[index].GetGetter().GetClrValue(existing))).ToList();
                if (changed.Count == 0)
                {
                    unchanged++;
                    continue;
                }
                // Attached as it was stored, its changed values marked: EF Core saves and audits just those, old and new.
                var entry = db.Attach(existing);
                foreach (var index in changed)
                {
                    var property = entry.Property(compared[index].Name);
                    property.OriginalValue = storedValues[index];
                    property.IsModified = true;
                }
                updated++;
            }
            if (write && run.Errors.Count == 0)
            {
                // New rows go in by bulk copy (SQLite: multi-row inserts; PostgreSQL: binary COPY), in the import's transaction;
                // changed rows are saved by EF Core, and audited one by one.
                if (created.Count > 0) await db.InsertAsync(created, cancellationToken);
                if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(cancellationToken);
            }
            db.ChangeTracker.Clear();
        }
        return new TableCount(schema.Name, added, updated, unchanged);
    }

    private static string NaturalKey(TKey key) => key switch
    {
        ITuple tuple => string.Join("/", Enumerable.Range(0, tuple.Length).Select(index => tuple[index] switch
        {
            DateOnly date => IsoDate.Text(date),
            IFormattable value => value.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            var value => value?.ToString(),
        })),
        _ => key.ToString() ?? "",
    };
}
