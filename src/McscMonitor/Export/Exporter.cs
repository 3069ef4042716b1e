using System.Globalization;
using CsvHelper;
using McscMonitor.Core.Domain;
using McscMonitor.Data;
using McscMonitor.Import;
using McscMonitor.Records;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace McscMonitor.Export;

/// <summary>
/// Writes the records in the exchange format that <see cref="Importer"/> reads, so an export
/// can be edited in a spreadsheet and imported again. A year keeps the records of that year
/// (members serving at any time in it); a municipality keeps that municipality's.
/// </summary>
public sealed class Exporter(McscDbContext db, Attachments.IAttachmentStore store)
{
    /// <summary>A document of the export, where it goes in the attachments folder, whose bytes it holds and what it is.</summary>
    public sealed record ExportedFile(string Path, string Sha256, string? Description = null);

    /// <summary>How many member rows an export holds: what its audit entry records.</summary>
    public static int MemberCount(IReadOnlyList<ExchangeTable> tables) =>
        tables.Where(table => table.Name == ExchangeFormat.Members.Name).Sum(table => table.Rows.Count());

    public async Task<IReadOnlyList<ExchangeTable>> ExportAsync(int? year, string? municipalityCode, CancellationToken cancellationToken = default)
    {
        var councils = await db.Councils.AsNoTracking()
            .Where(c => municipalityCode == null || c.MunicipalityCode == municipalityCode)
            .Include(c => c.Members).Include(c => c.Meetings).Include(c => c.WorkPlans)
            .AsSplitQuery()
            .OrderBy(c => c.MunicipalityCode)
            .ToListAsync(cancellationToken);
        var compensation = await db.Compensation.AsNoTracking()
            .Where(c => (municipalityCode == null || c.MunicipalityCode == municipalityCode) && (year == null || c.Year == year))
            .OrderBy(c => c.MunicipalityCode).ThenBy(c => c.Year)
            .ToListAsync(cancellationToken);
        var yearStart = year is { } y ? new DateOnly(y, 1, 1) : DateOnly.MinValue;
        var yearEnd = year is { } e ? new DateOnly(e, 12, 31) : DateOnly.MaxValue;
        if (year is not null) councils = councils.Where(c => c.EstablishedOn <= yearEnd && !(c.DissolvedOn < yearStart)).ToList();

        return
        [
            Table(ExchangeFormat.Councils, councils.Select(c => RecordDefinitions.Councils.ExchangeCells(c.MunicipalityCode, c))),
            Table(ExchangeFormat.Members, councils.SelectMany(c => c.Members
                .Where(m => m.AppointedOn <= yearEnd && !(m.LeftOn < yearStart))
                .OrderBy(m => m.MemberRef, StringComparer.Ordinal)
                .Select(m => RecordDefinitions.Members.ExchangeCells(c.MunicipalityCode, m)))),
            Table(ExchangeFormat.Meetings, councils.SelectMany(c => c.Meetings
                .Where(m => m.Date >= yearStart && m.Date <= yearEnd)
                .OrderBy(m => m.Date)
                .Select(m => RecordDefinitions.Meetings.ExchangeCells(c.MunicipalityCode, m)))),
            Table(ExchangeFormat.WorkPlans, councils.SelectMany(c => c.WorkPlans
                .Where(w => year == null || w.Year == year)
                .OrderBy(w => w.Year)
                .Select(w => RecordDefinitions.WorkPlans.ExchangeCells(c.MunicipalityCode, w)))),
            Table(ExchangeFormat.Compensation, compensation.Select(c => RecordDefinitions.Compensation.ExchangeCells(c.MunicipalityCode, c))),
        ];
    }

    /// <summary>
    /// The evidence of the exported records, each file where the import reads it back from
    /// (<see cref="ExchangeFiles"/>): the same year and municipality as the tables.
    /// </summary>
    public async Task<IReadOnlyList<ExportedFile>> FilesAsync(int? year, string? municipalityCode, CancellationToken cancellationToken = default)
    {
        var attachments = await db.Attachments.AsNoTracking()
            .Where(a => municipalityCode == null || a.MunicipalityCode == municipalityCode).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        if (attachments.Count == 0) return [];
        List<int> Ids(string path) => attachments.Where(a => a.RecordPath == path).Select(a => a.RecordId).Distinct().ToList();
        var (councilIds, meetingIds, planIds, compensationIds) = (Ids(RecordDefinitions.Councils.Path), Ids(RecordDefinitions.Meetings.Path),
            Ids(RecordDefinitions.WorkPlans.Path), Ids(RecordDefinitions.Compensation.Path));
        var councils = await db.Councils.AsNoTracking().Where(c => councilIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var meetings = await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Date, cancellationToken);
        var plans = await db.WorkPlans.AsNoTracking().Where(w => planIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Year, cancellationToken);
        var compensation = await db.Compensation.AsNoTracking().Where(c => compensationIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Year, cancellationToken);

        var files = new List<ExportedFile>();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var attachment in attachments)
        {
            (string Table, string? Key)? place = attachment.RecordPath switch
            {
                var path when path == RecordDefinitions.Councils.Path && councils.TryGetValue(attachment.RecordId, out var council)
                    && (year is not { } y || council.IsEstablishedIn(y)) => (ExchangeFormat.Councils.Name, null),
                var path when path == RecordDefinitions.Meetings.Path && meetings.TryGetValue(attachment.RecordId, out var date)
                    && (year is null || date.Year == year) => (ExchangeFormat.Meetings.Name, ExchangeFiles.KeyOf(date)),
                var path when path == RecordDefinitions.WorkPlans.Path && plans.TryGetValue(attachment.RecordId, out var planYear)
                    && (year is null || planYear == year) => (ExchangeFormat.WorkPlans.Name, ExchangeFiles.KeyOf(planYear)),
                var path when path == RecordDefinitions.Compensation.Path && compensation.TryGetValue(attachment.RecordId, out var paidYear)
                    && (year is null || paidYear == year) => (ExchangeFormat.Compensation.Name, ExchangeFiles.KeyOf(paidYear)),
                _ => null,
            };
            if (place is not { } found) continue;
            var (table, key) = found;
            // Two files of one record with the same name: the second is numbered, as a file manager would.
            var name = attachment.FileName;
            for (var copy = 2; !taken.Add(ExchangeFiles.PathOf(table, attachment.MunicipalityCode, key, name)); copy++)
                name = $"{Path.GetFileNameWithoutExtension(attachment.FileName)}-{copy}{Path.GetExtension(attachment.FileName)}";
            files.Add(new ExportedFile(ExchangeFiles.PathOf(table, attachment.MunicipalityCode, key, name), attachment.Sha256, attachment.Description));
        }
        return files;
    }

    /// <summary>
    /// Writes each file's bytes where <paramref name="create"/> opens its path (a zip entry, a file in a folder),
    /// and the descriptions the files have in <see cref="ExchangeFiles.DescriptionsPath"/>.
    /// </summary>
    public async Task WriteFilesAsync(IReadOnlyList<ExportedFile> files, Func<string, Stream> create, CancellationToken cancellationToken = default)
    {
        foreach (var file in files)
        {
            var content = await store.ReadAsync(file.Sha256, cancellationToken)
                ?? throw new InvalidOperationException($"The bytes of {file.Path} are missing from the attachment store.");
            await using var target = create(file.Path);
            await target.WriteAsync(content, cancellationToken);
        }
        var described = files.Where(file => file.Description is not null).ToList();
        if (described.Count == 0) return;
        var table = new ExchangeTable("descriptions", ExchangeFiles.DescriptionsPath, ExchangeFiles.DescriptionColumns,
            described.Select((file, index) => new ExchangeRow(index + 2, [file.Path, file.Description])));
        await using var stream = create(ExchangeFiles.DescriptionsPath);
        await using var writer = new StreamWriter(stream);
        WriteCsv(table, writer);
    }

    public static void WriteCsvFolder(IReadOnlyList<ExchangeTable> tables, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var table in tables)
        {
            using var writer = new StreamWriter(Path.Combine(folder, $"{table.Name}.csv"));
            WriteCsv(table, writer);
        }
    }

    public static void WriteCsv(ExchangeTable table, TextWriter writer)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var header in table.Headers) csv.WriteField(header);
        csv.NextRecord();
        foreach (var row in table.Rows)
        {
            foreach (var cell in row.Cells) csv.WriteField(FormulaCells.Neutralize(cell) ?? "");
            csv.NextRecord();
        }
    }

    public static void WriteWorkbook(IReadOnlyList<ExchangeTable> tables, Stream stream)
    {
        var sheets = tables.ToDictionary(table => table.Name, table => (object)(!table.Rows.Any()
            ? [table.Headers.ToDictionary(header => header, _ => (object?)null)]
            : table.Rows.Select(row => table.Headers.Select((header, index) => (header, value: (object?)row.Cells[index]))
                .ToDictionary(cell => cell.header, cell => cell.value)).ToList()));
        stream.SaveAs(sheets);
    }

    private static ExchangeTable Table(ExchangeSchema schema, IEnumerable<string?[]> rows) => new(
        schema.Name, schema.FileName, schema.ColumnNames.ToList(),
        rows.Select((cells, index) => new ExchangeRow(index + 2, cells)).ToList());

}
