using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using McscMonitor.Core.Localization;
using MiniExcelLibs;

namespace McscMonitor.Import;

/// <summary>
/// Reads a folder of CSV files, one CSV file, a zip of CSV files or an XLSX workbook into
/// exchange tables, within <see cref="ImportLimits"/>: archives are checked by
/// <see cref="ArchiveGuard"/> before they are read, and nothing is unpacked to disk.
/// </summary>
public static class ExchangeReader
{
    /// <summary>The template's sheet of column notes; not a table.</summary>
    public const string HelpSheet = "help";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ReadResult Read(string path, ImportLimits limits)
    {
        if (Directory.Exists(path)) return ReadCsvFolder(path, limits);
        if (!File.Exists(path)) return Failed(path, Messages.Current["noSuchFile"]);
        using var stream = File.OpenRead(path);
        return Read(Path.GetFileName(path), stream, limits);
    }

    /// <summary>One file, by its name's extension: an upload or a file given on the command line.</summary>
    public static ReadResult Read(string fileName, Stream content, ImportLimits limits) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".xlsx" => ReadWorkbook(fileName, content, limits),
            ".csv" => ReadCsv(fileName, TableName(fileName), content, limits),
            ".zip" => ReadZip(fileName, content, limits),
            _ => Failed(fileName, Messages.Current["unsupportedFile"]),
        };

    public static ReadResult ReadCsvFolder(string folder, ImportLimits limits)
    {
        var files = Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) return Failed(folder, Messages.Current["emptyFolder"]);
        if (files.Sum(file => new FileInfo(file).Length) > limits.MaxUncompressedBytes)
            return Failed(folder, Messages.Format("tooLargeUnpacked", ("limit", limits.MaxUncompressedMegabytes)));
        return Combine(files.Select(file =>
        {
            using var stream = File.OpenRead(file);
            return ReadCsv(Path.GetFileName(file), TableName(file), stream, limits);
        }));
    }

    private static ReadResult ReadZip(string source, Stream content, ImportLimits limits)
    {
        using var seekable = Seekable(content, limits, out var tooLarge);
        if (tooLarge is not null) return Failed(source, tooLarge);
        if (ArchiveGuard.Check(seekable, limits, allowNested: false, out _) is { } refused) return Failed(source, refused);

        using var zip = new ZipArchive(seekable, ZipArchiveMode.Read);
        var results = new List<ReadResult>();
        foreach (var entry in zip.Entries.Where(e => e.Name.Length > 0).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var entrySource = $"{source}: {entry.Name}";
            if (!entry.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                results.Add(Failed(entrySource, Messages.Current["zipHoldsOnlyCsv"]));
                continue;
            }
            using var entryStream = entry.Open();
            results.Add(ReadCsv(entrySource, TableName(entry.Name), entryStream, limits));
        }
        return results.Count == 0 ? Failed(source, Messages.Current["emptyZip"]) : Combine(results);
    }

    public static ReadResult ReadCsv(string source, string tableName, Stream content, ImportLimits limits)
    {
        var bytes = ReadAll(content, limits.MaxUncompressedBytes);
        return bytes is null
            ? Failed(source, Messages.Format("tooLargeUnpacked", ("limit", limits.MaxUncompressedMegabytes)))
            : ReadCsv(source, tableName, bytes);
    }

    public static ReadResult ReadCsv(string source, string tableName, byte[] bytes)
    {
        var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes, bom, bytes.Length - bom);
        }
        catch (DecoderFallbackException invalid)
        {
            var row = 1 + bytes.AsSpan(bom, Math.Max(0, invalid.Index)).Count((byte)'\n');
            return Failed(source, Messages.Current["notUtf8"], row);
        }

        var errors = new List<ImportError>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = false,
            MissingFieldFound = null,
            BadDataFound = null,
        };
        using var csv = new CsvParser(new StringReader(text), configuration);
        if (!csv.Read()) return Failed(source, Messages.Current["emptyFile"], 1);

        var headers = csv.Record!.Select(NormalizeHeader).ToList();
        var rows = new List<ExchangeRow>();
        while (csv.Read())
        {
            var cells = csv.Record!;
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            // An unclosed quote swallows the rows after it: say so, where it starts, not as a missing value.
            if (UnclosedQuote(csv.RawRecord))
                errors.Add(new ImportError(source, csv.Row, null, Messages.Current["badQuote"]));
            rows.Add(new ExchangeRow(csv.Row, cells.Select(FormulaCells.Restore).ToList()));
        }
        if (errors.Count > 0) return new ReadResult([], errors.DistinctBy(e => e.Row).ToList());
        return new ReadResult([new ExchangeTable(tableName.ToLowerInvariant(), source, headers, rows)], []);
    }

    private static ReadResult ReadWorkbook(string source, Stream content, ImportLimits limits)
    {
        using var seekable = Seekable(content, limits, out var tooLarge);
        if (tooLarge is not null) return Failed(source, tooLarge);
        if (ArchiveGuard.Check(seekable, limits, allowNested: true, out _) is { } refused) return Failed(source, refused);
        try
        {
            var tables = MiniExcel.GetSheetNames(seekable)
                .Where(sheet => !sheet.Equals(HelpSheet, StringComparison.OrdinalIgnoreCase))
                .Select(sheet => ReadSheet(seekable, source, sheet))
                .Where(table => table is not null)
                .Select(table => table!)
                .ToList();
            return new ReadResult(tables, []);
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or IOException or InvalidOperationException
                                                          or System.Xml.XmlException or NotSupportedException or ArgumentException)
        {
            return Failed(source, Messages.Format("unreadableWorkbook", ("reason", unreadable.Message)));
        }
    }

    private static ExchangeTable? ReadSheet(Stream workbook, string source, string sheet)
    {
        workbook.Position = 0;
        var rows = workbook.Query(useHeaderRow: false, sheetName: sheet)
            .Cast<IDictionary<string, object?>>()
            .Select((cells, index) => new ExchangeRow(index + 1, cells.Values.Select(CellText).ToList()))
            .ToList();
        if (rows.Count == 0) return null;
        var headers = rows[0].Cells.Select(cell => NormalizeHeader(cell ?? "")).ToList();
        var data = rows.Skip(1).Where(row => !row.Cells.All(string.IsNullOrWhiteSpace)).ToList();
        return new ExchangeTable(sheet.Trim().ToLowerInvariant(), $"{source}, sheet {sheet}", headers, data);
    }

    /// <summary>Workbook cells arrive typed; the importer reads every cell as exchange-format text.</summary>
    private static string? CellText(object? value) => value switch
    {
        null => null,
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        bool flag => flag ? "yes" : "no",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>A field that opens with a quote, and an odd number of quotes in the record: the quote was never closed.</summary>
    private static bool UnclosedQuote(string raw) =>
        (raw.StartsWith('"') || raw.Contains(",\"", StringComparison.Ordinal)) && raw.Count(c => c == '"') % 2 == 1;

    /// <summary>A zip needs to seek; an upload or a file stream can, anything else is copied within the limit.</summary>
    private static Stream Seekable(Stream content, ImportLimits limits, out string? tooLarge)
    {
        tooLarge = null;
        if (content.CanSeek)
        {
            if (content.Length > limits.MaxUploadBytes) tooLarge = Messages.Format("tooLargeUpload", ("limit", limits.MaxUploadMegabytes));
            return new NonClosing(content);
        }
        var bytes = ReadAll(content, limits.MaxUploadBytes);
        if (bytes is null) tooLarge = Messages.Format("tooLargeUpload", ("limit", limits.MaxUploadMegabytes));
        return new MemoryStream(bytes ?? []);
    }

    /// <summary>All of a stream, or null once it passes the limit (read no further than that).</summary>
    private static byte[]? ReadAll(Stream content, long limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string TableName(string fileName) => Path.GetFileNameWithoutExtension(fileName);

    private static string NormalizeHeader(string header) => header.Trim().ToLowerInvariant();

    private static ReadResult Failed(string source, string message, int? row = null) =>
        new([], [new ImportError(source, row, null, message)]);

    private static ReadResult Combine(IEnumerable<ReadResult> results)
    {
        var list = results.ToList();
        return new ReadResult(list.SelectMany(result => result.Tables).ToList(), list.SelectMany(result => result.Errors).ToList());
    }

    /// <summary>Lets a reader dispose its view of a stream that belongs to the caller.</summary>
    private sealed class NonClosing(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
