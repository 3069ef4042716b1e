using McscMonitor.Approvals;
using McscMonitor.Audit;
using McscMonitor.Core.Approval;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Core.Names;
using McscMonitor.Data;
using McscMonitor.Records;
using McscMonitor.Web;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Import;

public sealed record TableCount(string Table, int Added, int Updated, int Unchanged);

/// <summary>How far an import is: rows checked (first pass), then rows written of those checked.</summary>
public sealed record ImportProgress(bool Writing, long Rows, long Total);

/// <param name="UnlistedErrors">Errors past the listed ones, counted but not kept.</param>
public sealed record ImportOutcome(IReadOnlyList<ImportError> Errors, IReadOnlyList<TableCount> Counts, int UnlistedErrors = 0)
{
    public bool Succeeded => Errors.Count == 0;

    public int ErrorCount => Errors.Count + UnlistedErrors;

    /// <summary>Checking stopped at the error limit (<see cref="ImportLimits.MaxCheckedErrors"/>): the rest of the file was not read.</summary>
    public bool CheckingStopped { get; init; }

    /// <summary>The sentence that says checking stopped, or null.</summary>
    public string? StoppedNote => CheckingStopped ? Messages.Format("importStopped", ("count", ErrorCount)) : null;

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
/// Imports exchange tables all or nothing, in two passes over the rows as they stream from the
/// file. The first checks every row and reports every error, keeping only natural keys (for
/// repeated rows) and councils; the second, only for a clean file, writes in batches of
/// <see cref="BatchSize"/> inside one transaction, each batch's stored rows looked up by their
/// natural keys in one query. Memory grows with the file only by its natural keys (while
/// checking) and its compressed change set. Importing the same rows again changes nothing, and
/// the import is audited once, with the rows it created in a compact change set
/// (<see cref="AuditChangeSet"/>) and a trail entry for each row it changed.
/// New rows are bulk copied; changed rows go through EF Core's change tracker and its audit.
/// </summary>
public sealed class Importer(McscDbContext db, ImportLimits limits, ImportGate gate, TimeProvider clock, EvidenceImport evidence)
{
    /// <summary>Rows written per save; the change tracker is emptied after each.</summary>
    public const int BatchSize = 5_000;

    private const int ProgressEvery = 10_000;

    /// <summary>Runs after the check pass, before the write pass takes its locks: where a test closes a year in between.</summary>
    internal Func<CancellationToken, Task>? BetweenPasses { get; set; }

    /// <summary>Tables given in memory (the demo data set), named in the audit trail by what produced them.</summary>
    /// <param name="label">
    /// A label for the whole data set (<see cref="DatasetLabel.Illustrative"/>), written in the import's
    /// transaction: its rows are never stored without it, so demo data never passes for official figures.
    /// </param>
    public Task<ImportOutcome> ImportAsync(
        IReadOnlyList<ExchangeTable> tables, string name, IProgress<ImportProgress>? progress = null, string? onlyMunicipality = null,
        string? label = null, CancellationToken cancellationToken = default) =>
        MeasuredAsync(new ReadResult(tables, [], name, ""), progress, onlyMunicipality, label, cancellationToken);

    /// <param name="onlyMunicipality">When set, rows of any other municipality are errors (a municipal officer's import).</param>
    public Task<ImportOutcome> ImportAsync(
        ReadResult read, IProgress<ImportProgress>? progress = null, string? onlyMunicipality = null,
        CancellationToken cancellationToken = default) =>
        MeasuredAsync(read, progress, onlyMunicipality, null, cancellationToken);

    private async Task<ImportOutcome> MeasuredAsync(
        ReadResult read, IProgress<ImportProgress>? progress, string? onlyMunicipality, string? label, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = await CheckAndWriteAsync(read, progress, onlyMunicipality, label, cancellationToken);
        AppMetrics.ImportDuration.Record(AppMetrics.SecondsSince(started),
            new KeyValuePair<string, object?>("outcome", outcome.Succeeded ? "written" : outcome.AnotherImportRunning ? "busy" : "rejected"));
        foreach (var count in outcome.Counts)
            AppMetrics.ImportedRows.Add(count.Added + count.Updated, new KeyValuePair<string, object?>("table", count.Table));
        return outcome;
    }

    private async Task<ImportOutcome> CheckAndWriteAsync(
        ReadResult read, IProgress<ImportProgress>? progress, string? onlyMunicipality, string? label, CancellationToken cancellationToken)
    {
        using var turn = await gate.TryEnterAsync(cancellationToken);
        if (turn is null) return ImportOutcome.Busy();
        var errors = new ImportErrors(limits.MaxReportedErrors, limits.MaxCheckedErrors);
        var tables = read.Tables.Select(t => ExchangeFormat.Recognise(t.Name, t.Headers) is { } schema ? t with { Name = schema.Name } : t).ToList();
        CheckTables(tables, errors);
        if (errors.Count > 0) return errors.ToOutcome();

        using var run = await ImportRun.StartAsync(db, tables, errors, onlyMunicipality, progress, cancellationToken);
        var kinds = Kinds(Today.Of(clock));
        foreach (var kind in kinds) kind.Check(run);
        // A row that would change a closed year is an error like any other, listed with the rest.
        if (run.HasClosedYears() && !errors.Stopped)
            foreach (var kind in kinds) await kind.RefuseClosedYearsAsync(run, cancellationToken);
        var files = await evidence.CheckAsync(read.Files, errors, onlyMunicipality, cancellationToken);
        if (errors.Count > 0) return errors.ToOutcome();
        if (BetweenPasses is not null) await BetweenPasses(cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await ImportGate.TryLockAcrossInstancesAsync(db, cancellationToken)) return ImportOutcome.Busy();
        try
        {
            // Read again under the lock that every write shares: a year closed since the check is
            // seen now, and the rows that would alter it are refused as the write pass meets them.
            await run.ReadClosedYearsAsync(cancellationToken);
            run.StartWriting();
            var counts = new List<TableCount>();
            foreach (var kind in kinds)
            {
                counts.Add(await kind.WriteAsync(run, cancellationToken));
                if (kind.Schema == ExchangeFormat.Councils) await run.LoadCouncilIdsAsync(cancellationToken);
            }
            // The documents last: the records their keys name are written by now.
            if (files.Count > 0 && errors.Count == 0) counts.Add(await evidence.WriteAsync(files, errors, cancellationToken));
            if (errors.Count > 0)
            {
                db.ChangeTracker.Clear();
                return errors.ToOutcome();
            }
            counts = counts.Where(count => count.Added + count.Updated + count.Unchanged > 0).ToList();
            if (label is not null && !await db.DatasetLabels.AnyAsync(l => l.Code == label, cancellationToken))
                db.DatasetLabels.Add(new DatasetLabel { Code = label, LabelledAt = db.Clock.GetUtcNow() });
            await db.AuditImportAsync(read.Name, read.Checksum, counts, run.OnlyMunicipalitySeen, run.ChangeSet, run.Touched, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new ImportOutcome([], counts);
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    private static void CheckTables(IReadOnlyList<ExchangeTable> tables, ImportErrors errors)
    {
        foreach (var table in tables)
        {
            var schema = ExchangeFormat.Find(table.Name);
            if (schema is null)
            {
                errors.Add(new ImportError(table.Source, null, null,
                    Messages.Format("unknownTable", ("table", table.Name), ("tables", string.Join(", ", ExchangeFormat.All.Select(s => s.Name))))));
                continue;
            }
            foreach (var missing in schema.Columns.Where(c => c.Required && !table.Headers.Contains(c.Name)))
                errors.Add(new ImportError(table.Source, 1, missing.Name, Messages.Format("missingColumn", ("column", missing.Name))));
            foreach (var unknown in table.Headers.Where(h => !schema.ColumnNames.Contains(h)))
                errors.Add(new ImportError(table.Source, 1, unknown,
                    Messages.Format("unknownColumn", ("column", unknown), ("columns", string.Join(", ", schema.ColumnNames)))));
            foreach (var repeated in table.Headers.GroupBy(h => h).Where(g => g.Count() > 1))
                errors.Add(new ImportError(table.Source, 1, repeated.Key, Messages.Format("repeatedColumn", ("column", repeated.Key))));
        }
        foreach (var repeated in tables.GroupBy(t => t.Name).Where(g => g.Count() > 1))
            errors.Add(new ImportError(repeated.Last().Source, null, null, Messages.Format("repeatedTable", ("table", repeated.Key))));
    }

    /// <summary>
    /// The tables in the order they are checked and written: councils before the records that
    /// belong to them. Each row is read and copied as its record type defines it; what is here is
    /// how a batch finds its stored rows by natural key, and what a row needs of its council.
    /// </summary>
    /// <param name="today">What has not happened by then (a held meeting, an adoption, an appointment) is an error.</param>
    private List<ITableImport> Kinds(DateOnly today) =>
    [
        new TableImport<Council, string>(db, ExchangeFormat.Councils, Reader(RecordDefinitions.Councils, today, (c, code) => c.MunicipalityCode = code),
            (_, code) => code, "municipality",
            councilDate: null,
            load: (run, batch, ct) =>
            {
                var codes = batch.Select(row => row.MunicipalityCode).ToList();
                return db.Councils.Where(c => codes.Contains(c.MunicipalityCode)).ToDictionaryAsync(c => c.MunicipalityCode, ct);
            },
            prepare: (_, row) => row.Record,
            copy: Copier(RecordDefinitions.Councils),
            remember: (run, row) => run.CouncilsAfterImport[row.MunicipalityCode] = (row.Record.EstablishedOn, row.Record.DissolvedOn)),
        new TableImport<Member, (string, string)>(db, ExchangeFormat.Members, Reader(RecordDefinitions.Members, today), (m, code) => (code, m.MemberRef), "member_ref",
            councilDate: _ => null,
            load: async (run, batch, ct) =>
            {
                var councils = run.CouncilIdsOf(batch);
                var references = batch.Select(row => row.Record.MemberRef).Distinct().ToList();
                return (await db.Members.Where(m => councils.Contains(m.CouncilId) && references.Contains(m.MemberRef)).ToListAsync(ct))
                    .ToDictionary(m => (run.CodeOfCouncil(m.CouncilId), m.MemberRef));
            },
            prepare: (run, row) => run.InCouncil(row),
            copy: Copier(RecordDefinitions.Members)),
        new TableImport<Meeting, (string, DateOnly)>(db, ExchangeFormat.Meetings, Reader(RecordDefinitions.Meetings, today), (m, code) => (code, m.Date), "date",
            councilDate: meeting => meeting.Date,
            load: async (run, batch, ct) =>
            {
                var holding = await run.CouncilsWithStoredMeetingsAsync(ct);
                var councils = run.CouncilIdsOf(batch).Where(holding.Contains).ToList();
                if (councils.Count == 0) return [];
                var dates = batch.Select(row => row.Record.Date).Distinct().ToList();
                // One array parameter each, not thousands of scalar ones to bind per batch.
                return (await db.Meetings.Where(m => EF.Parameter(councils).Contains(m.CouncilId) && EF.Parameter(dates).Contains(m.Date)).ToListAsync(ct))
                    .ToDictionary(m => (run.CodeOfCouncil(m.CouncilId), m.Date));
            },
            prepare: (run, row) => run.InCouncil(row),
            copy: Copier(RecordDefinitions.Meetings)),
        new TableImport<WorkPlan, (string, int)>(db, ExchangeFormat.WorkPlans, Reader(RecordDefinitions.WorkPlans, today), (w, code) => (code, w.Year), "year",
            councilDate: null,
            load: async (run, batch, ct) =>
            {
                var councils = run.CouncilIdsOf(batch);
                var years = batch.Select(row => row.Record.Year).Distinct().ToList();
                return (await db.WorkPlans.Where(w => councils.Contains(w.CouncilId) && years.Contains(w.Year)).ToListAsync(ct))
                    .ToDictionary(w => (run.CodeOfCouncil(w.CouncilId), w.Year));
            },
            prepare: (run, row) => run.InCouncil(row),
            copy: Copier(RecordDefinitions.WorkPlans),
            councilYear: w => w.Year),
        new TableImport<Compensation, (string, int)>(db, ExchangeFormat.Compensation,
            Reader(RecordDefinitions.Compensation, today, (c, code) => c.MunicipalityCode = code), (c, code) => (code, c.Year), "year",
            councilDate: null,
            load: async (run, batch, ct) =>
            {
                var codes = batch.Select(row => row.MunicipalityCode).Distinct().ToList();
                var years = batch.Select(row => row.Record.Year).Distinct().ToList();
                return (await db.Compensation.Where(c => codes.Contains(c.MunicipalityCode) && years.Contains(c.Year)).ToListAsync(ct))
                    .ToDictionary(c => (c.MunicipalityCode, c.Year));
            },
            prepare: (_, row) => row.Record,
            copy: Copier(RecordDefinitions.Compensation),
            councilYear: c => c.Year),
    ];

    /// <summary>A row read as its record type's fields and rules; a record that names its municipality itself is given the row's.</summary>
    private static Func<RowReader, string, T?> Reader<T>(RecordDefinition<T> definition, DateOnly today, Action<T, string>? own = null)
        where T : EditableRecord =>
        (row, municipality) =>
        {
            var record = definition.Read(row, today);
            own?.Invoke(record, municipality);
            return record;
        };

    /// <summary>A stored record takes the file's values but keeps its key and, once erased, its blanks.</summary>
    private static Action<T, T> Copier<T>(RecordDefinition<T> definition) where T : EditableRecord =>
        (existing, incoming) => definition.Copy(incoming, existing, keys: false);
}
