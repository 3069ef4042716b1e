using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using McscMonitor.Core.Localization;
using MiniExcelLibs;

namespace McscMonitor.Import;

/// <summary>Reads a folder of CSV files, one CSV file, or an XLSX workbook into exchange tables.</summary>
public static class ExchangeReader
{
    /// <summary>The template's sheet of column notes; not a table.</summary>
    public const string HelpSheet = "help";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ReadResult Read(string path)
    {
        if (Directory.Exists(path)) return ReadCsvFolder(path);
        if (!File.Exists(path)) return Failed(path, "no such file or folder");
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".xlsx" => ReadWorkbook(path),
            ".csv" => Combine([ReadCsvFile(path)]),
            _ => Failed(Path.GetFileName(path), "expected a folder of CSV files, a .csv file or an .xlsx workbook"),
        };
    }

    public static ReadResult ReadCsvFolder(string folder)
    {
        var files = Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) return Failed(folder, "the folder holds no .csv files");
        return Combine(files.Select(ReadCsvFile));
    }

    public static ReadResult ReadCsvFile(string path)
    {
        var fileName = Path.GetFileName(path);
        var bytes = File.ReadAllBytes(path);
        return ReadCsv(fileName, Path.GetFileNameWithoutExtension(path), bytes);
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
            return Failed(source, "the file is not UTF-8 text (save it as \"CSV UTF-8\")", row);
        }

        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = false,
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var csv = new CsvParser(new StringReader(text), configuration);
        if (!csv.Read()) return Failed(source, "the file is empty; it needs a header row", 1);

        var headers = csv.Record!.Select(NormalizeHeader).ToList();
        var rows = new List<ExchangeRow>();
        while (csv.Read())
        {
            var cells = csv.Record!;
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new ExchangeRow(csv.Row, cells));
        }
        return new ReadResult([new ExchangeTable(tableName.ToLowerInvariant(), source, headers, rows)], []);
    }

    public static ReadResult ReadWorkbook(string path)
    {
        var source = Path.GetFileName(path);
        try
        {
            var tables = MiniExcel.GetSheetNames(path)
                .Where(sheet => !sheet.Equals(HelpSheet, StringComparison.OrdinalIgnoreCase))
                .Select(sheet => ReadSheet(path, source, sheet))
                .Where(table => table is not null)
                .Select(table => table!)
                .ToList();
            return new ReadResult(tables, []);
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or IOException or InvalidOperationException
                                                          or System.Xml.XmlException or NotSupportedException)
        {
            return Failed(source, Messages.Format("unreadableWorkbook", ("reason", unreadable.Message)));
        }
    }

    private static ExchangeTable? ReadSheet(string path, string workbook, string sheet)
    {
        var rows = MiniExcel.Query(path, useHeaderRow: false, sheetName: sheet)
            .Cast<IDictionary<string, object?>>()
            .Select((cells, index) => new ExchangeRow(index + 1, cells.Values.Select(CellText).ToList()))
            .ToList();
        if (rows.Count == 0) return null;
        var headers = rows[0].Cells.Select(cell => NormalizeHeader(cell ?? "")).ToList();
        var data = rows.Skip(1).Where(row => !row.Cells.All(string.IsNullOrWhiteSpace)).ToList();
        return new ExchangeTable(sheet.Trim().ToLowerInvariant(), $"{workbook}, sheet {sheet}", headers, data);
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

    private static string NormalizeHeader(string header) => header.Trim().ToLowerInvariant();

    private static ReadResult Failed(string source, string message, int? row = null) =>
        new([], [new ImportError(source, row, null, message)]);

    private static ReadResult Combine(IEnumerable<ReadResult> results)
    {
        var list = results.ToList();
        return new ReadResult(list.SelectMany(result => result.Tables).ToList(), list.SelectMany(result => result.Errors).ToList());
    }
}
