using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using McscMonitor.Core.Localization;
using MiniExcelLibs;

namespace McscMonitor.Import;

/// <summary>
/// Reads a folder of CSV files, one CSV file, a zip of CSV files or an XLSX workbook into
/// exchange tables, within <see cref="ImportLimits"/>: archives are checked by
/// <see cref="ArchiveGuard"/> before they are read, and nothing is unpacked to disk. Only the
/// headers are read here; the rows stream from the file each time a table is enumerated.
/// </summary>
public static class ExchangeReader
{
    /// <summary>The template's sheet of column notes; not a table.</summary>
    public const string HelpSheet = "help";

    /// <summary>
    /// Far longer than any cell may be (a cell that is too long is refused with its column), but
    /// bounded: past this a field is a quote that was never closed, swallowing the file.
    /// </summary>
    private const int MaxFieldCharacters = 4 * 1024 * 1024;

    // The preamble lets StreamReader skip a byte-order mark; invalid bytes throw instead of becoming U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    private static readonly CsvConfiguration Csv = new(CultureInfo.InvariantCulture)
    {
        DetectDelimiter = false,
        MissingFieldFound = null,
        BadDataFound = null,
        MaxFieldSize = MaxFieldCharacters,
    };

    public static ReadResult Read(string path, ImportLimits limits)
    {
        if (Directory.Exists(path)) return ReadCsvFolder(path, limits);
        if (!File.Exists(path)) return Failed(path, Messages.Current["noSuchFile"]);
        return Read(Path.GetFileName(path), () => File.OpenRead(path), limits, limits.MaxLocalFileBytes);
    }

    /// <summary>One file held in memory, within the upload limit (a test's bytes, a stream that cannot be opened twice).</summary>
    public static ReadResult Read(string fileName, Stream content, ImportLimits limits)
    {
        var bytes = ReadAll(content, limits.MaxUploadBytes);
        return bytes is null
            ? Failed(fileName, Messages.Format("tooLargeUpload", ("limit", limits.MaxUploadMegabytes)))
            : Read(fileName, () => new MemoryStream(bytes, writable: false), limits, limits.MaxUncompressedBytes);
    }

    /// <summary>One file, by its name's extension, that can be opened again for every pass over its rows.</summary>
    /// <param name="maxCsvBytes">The most a CSV file may hold: an upload's limit, or the larger one of a file the command line reads.</param>
    public static ReadResult Read(string fileName, Func<Stream> open, ImportLimits limits, long maxCsvBytes)
    {
        var result = Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".xlsx" => ReadWorkbook(fileName, open, limits),
            ".csv" => ReadCsv(fileName, TableName(fileName), open, maxCsvBytes, limits),
            ".zip" => ReadZip(fileName, open, limits),
            _ => Failed(fileName, Messages.Current["unsupportedFile"]),
        };
        if (result.Errors.Count > 0) return result;
        using var stream = open();
        return result with { Name = fileName, Checksum = Convert.ToHexStringLower(SHA256.HashData(stream)) };
    }

    public static ReadResult ReadCsvFolder(string folder, ImportLimits limits)
    {
        var files = Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) return Failed(folder, Messages.Current["emptyFolder"]);
        if (files.Sum(file => new FileInfo(file).Length) > limits.MaxLocalFileBytes)
            return Failed(folder, Messages.Format("tooLargeUnpacked", ("limit", limits.MaxLocalFileMegabytes)));
        var attachments = Path.Combine(folder, ExchangeFiles.Folder);
        var documents = Directory.Exists(attachments) ? Directory.GetFiles(attachments, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList() : [];
        if (documents.Sum(file => new FileInfo(file).Length) > limits.MaxLocalFileBytes)
            return Failed(attachments, Messages.Format("tooLargeUnpacked", ("limit", limits.MaxLocalFileMegabytes)));
        var result = Described(Combine(files.Select(file => ReadCsv(Path.GetFileName(file), TableName(file), () => File.OpenRead(file), limits.MaxLocalFileBytes, limits))
            .Concat(documents.Select(file =>
            {
                var relative = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
                return ReadAttachment(relative, relative, File.ReadAllBytes(file), limits);
            }))));
        if (result.Errors.Count > 0) return result;

        // A folder's checksum: each file's name and SHA-256, in name order, hashed again.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            hash.AppendData(Encoding.UTF8.GetBytes($"{Path.GetFileName(file)}\n{Convert.ToHexStringLower(SHA256.HashData(stream))}\n"));
        }
        return result with { Name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), Checksum = Convert.ToHexStringLower(hash.GetHashAndReset()) };
    }

    private static ReadResult ReadZip(string source, Func<Stream> open, ImportLimits limits)
    {
        List<string> names;
        using (var archive = open())
        {
            if (CheckArchive(archive, limits, allowNested: false) is { } refused) return Failed(source, refused);
            using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
            names = zip.Entries.Where(e => e.Name.Length > 0).Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
        }
        if (names.Count == 0) return Failed(source, Messages.Current["emptyZip"]);
        return Described(Combine(names.Select(name =>
        {
            if (ExchangeFiles.IsAttachment(name))
            {
                // Within the archive's checked limits (ArchiveGuard), so whole in memory.
                using var entry = OpenEntry(open, name);
                using var content = new MemoryStream();
                entry.CopyTo(content);
                return ReadAttachment($"{source}: {name}", name, content.ToArray(), limits);
            }
            var entrySource = $"{source}: {Path.GetFileName(name)}";
            return name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                ? ReadCsv(entrySource, TableName(name), () => OpenEntry(open, name), limits.MaxUncompressedBytes, limits)
                : Failed(entrySource, Messages.Current["zipHoldsOnlyCsv"]);
        })));
    }

    /// <summary>The problem with a zip or workbook before anything is read from it, or null.</summary>
    private static string? CheckArchive(Stream archive, ImportLimits limits, bool allowNested) =>
        archive.Length > limits.MaxUploadBytes
            ? Messages.Format("tooLargeUpload", ("limit", limits.MaxUploadMegabytes))
            : ArchiveGuard.Check(archive, limits, allowNested, out _);

    private static OwningStream OpenEntry(Func<Stream> open, string name)
    {
        var archive = open();
        var zip = new ZipArchive(archive, ZipArchiveMode.Read);
        return new OwningStream(zip.GetEntry(name)!.Open(), zip);
    }

    public static ReadResult ReadCsv(string source, string tableName, byte[] bytes) =>
        ReadCsv(source, tableName, () => new MemoryStream(bytes, writable: false), bytes.LongLength, new ImportLimits());

    private static ReadResult ReadCsv(string source, string tableName, Func<Stream> open, long maxBytes, ImportLimits limits)
    {
        var header = CsvRecords(open, maxBytes, limits).FirstOrDefault();
        if (header is null) return Failed(source, Messages.Current["emptyFile"], 1);
        if (header.Unreadable is not null) return Failed(source, header.Unreadable, header.Number);
        var headers = header.Cells.Select(cell => NormalizeHeader(cell ?? "")).ToList();
        return new ReadResult([new ExchangeTable(tableName.ToLowerInvariant(), source, headers, CsvRecords(open, maxBytes, limits).Skip(1))], []);
    }

    /// <summary>Every record of a CSV file, the header first; blank lines are skipped. Reading stops at the first unreadable record.</summary>
    private static IEnumerable<ExchangeRow> CsvRecords(Func<Stream> open, long maxBytes, ImportLimits limits)
    {
        using var stream = new BoundedStream(open(), maxBytes);
        using var text = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: false);
        using var csv = new CsvParser(text, Csv);
        while (true)
        {
            ExchangeRow? row;
            try
            {
                row = !csv.Read() ? null
                    // An unclosed quote swallows the rows after it: say so, where it starts, not as a missing value.
                    : UnclosedQuote(csv.RawRecord) ? new ExchangeRow(csv.Row, [], Messages.Current["badQuote"])
                    : new ExchangeRow(csv.Row, csv.Record!.Select(FormulaCells.Restore).ToList());
            }
            catch (DecoderFallbackException)
            {
                row = new ExchangeRow(RowOfInvalidUtf8(open), [], Messages.Current["notUtf8"]);
            }
            catch (MaxFieldSizeException)
            {
                row = new ExchangeRow(csv.Row, [], Messages.Current["badQuote"]);
            }
            catch (BoundedStream.LimitExceededException)
            {
                row = new ExchangeRow(csv.Row, [], Messages.Format("tooLargeUnpacked", ("limit", maxBytes / ImportLimits.Megabyte)));
            }
            if (row is null) yield break;
            if (row.Unreadable is null && row.Cells.All(string.IsNullOrWhiteSpace)) continue;
            yield return row;
            if (row.Unreadable is not null) yield break;
        }
    }

    /// <summary>
    /// The line where a file stops being UTF-8. The reader decodes ahead of the parser, so the
    /// parser's row is not it: the bytes are decoded again, counting line ends, up to the bad one.
    /// </summary>
    private static int RowOfInvalidUtf8(Func<Stream> open)
    {
        using var stream = open();
        var decoder = StrictUtf8.GetDecoder();
        var bytes = new byte[81920];
        var chars = new char[StrictUtf8.GetMaxCharCount(bytes.Length)];
        var lineEnds = 0;
        int read;
        while ((read = stream.Read(bytes, 0, bytes.Length)) > 0)
        {
            try
            {
                decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            }
            catch (DecoderFallbackException invalid)
            {
                return 1 + lineEnds + bytes.AsSpan(0, Math.Clamp(invalid.Index, 0, read)).Count((byte)'\n');
            }
            lineEnds += bytes.AsSpan(0, read).Count((byte)'\n');
        }
        return 1 + lineEnds;
    }

    private static ReadResult ReadWorkbook(string source, Func<Stream> open, ImportLimits limits)
    {
        try
        {
            List<string> sheets;
            using (var workbook = open())
            {
                if (CheckArchive(workbook, limits, allowNested: true) is { } refused) return Failed(source, refused);
                workbook.Position = 0;
                sheets = MiniExcel.GetSheetNames(workbook).Where(sheet => !sheet.Equals(HelpSheet, StringComparison.OrdinalIgnoreCase)).ToList();
            }
            var tables = new List<ExchangeTable>();
            foreach (var sheet in sheets)
            {
                var sheetSource = $"{source}, sheet {sheet}";
                var header = SheetRecords(open, sheet).FirstOrDefault();
                if (header is null) continue;
                if (header.Unreadable is not null) return Failed(source, header.Unreadable);
                var headers = header.Cells.Select(cell => NormalizeHeader(cell ?? "")).ToList();
                var rows = SheetRecords(open, sheet).Skip(1).Where(row => row.Unreadable is not null || !row.Cells.All(string.IsNullOrWhiteSpace));
                tables.Add(new ExchangeTable(sheet.Trim().ToLowerInvariant(), sheetSource, headers, rows));
            }
            return new ReadResult(tables, []);
        }
        catch (Exception unreadable) when (IsUnreadableWorkbook(unreadable))
        {
            return Failed(source, Messages.Format("unreadableWorkbook", ("reason", unreadable.Message)));
        }
    }

    private static bool IsUnreadableWorkbook(Exception exception) =>
        exception is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException or NotSupportedException or ArgumentException;

    /// <summary>Every row of a sheet, streamed by MiniExcel; a damaged part ends the rows with an unreadable one.</summary>
    private static IEnumerable<ExchangeRow> SheetRecords(Func<Stream> open, string sheet)
    {
        using var workbook = open();
        using var rows = workbook.Query(useHeaderRow: false, sheetName: sheet).GetEnumerator();
        for (var number = 1; ; number++)
        {
            ExchangeRow? row;
            try
            {
                row = rows.MoveNext() ? new ExchangeRow(number, ((IDictionary<string, object?>)rows.Current).Values.Select(CellText).ToList()) : null;
            }
            catch (Exception unreadable) when (IsUnreadableWorkbook(unreadable))
            {
                row = new ExchangeRow(number, [], Messages.Format("unreadableWorkbook", ("reason", unreadable.Message)));
            }
            if (row is null) yield break;
            yield return row;
            if (row.Unreadable is not null) yield break;
        }
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
        return new ReadResult(list.SelectMany(result => result.Tables).ToList(), list.SelectMany(result => result.Errors).ToList())
        {
            Files = list.SelectMany(result => result.Files).ToList(),
            Descriptions = list.SelectMany(result => result.Descriptions).ToList(),
        };
    }

    /// <summary>A document of the attachments folder, or the error that says what is wrong with its path; or the folder's descriptions.</summary>
    private static ReadResult ReadAttachment(string source, string relativePath, byte[] content, ImportLimits limits)
    {
        if (relativePath == ExchangeFiles.DescriptionsPath) return ReadDescriptions(source, content, limits);
        var (file, problem) = ExchangeFiles.Parse(source, relativePath, content);
        return file is null ? Failed(source, problem!) : new ReadResult([], []) { Files = [file] };
    }

    /// <summary>The rows of <see cref="ExchangeFiles.DescriptionsPath"/>: a file's path and what it is; an empty description says nothing.</summary>
    private static ReadResult ReadDescriptions(string source, byte[] content, ImportLimits limits)
    {
        var rows = CsvRecords(() => new MemoryStream(content, writable: false), content.Length + 1L, limits).ToList();
        if (rows.Count == 0) return new ReadResult([], []);
        if (rows.FirstOrDefault(row => row.Unreadable is not null) is { } unreadable) return Failed(source, unreadable.Unreadable!, unreadable.Number);
        if (!rows[0].Cells.Select(cell => NormalizeHeader(cell ?? "")).SequenceEqual(ExchangeFiles.DescriptionColumns))
            return Failed(source, Messages.Format("attachmentDescriptionsHeader", ("columns", string.Join(",", ExchangeFiles.DescriptionColumns))), rows[0].Number);
        var errors = new List<ImportError>();
        var descriptions = new List<FileDescription>();
        foreach (var row in rows.Skip(1))
        {
            var file = row.Cells.ElementAtOrDefault(0)?.Trim() ?? "";
            var description = row.Cells.ElementAtOrDefault(1)?.Trim() ?? "";
            if (description.Length > Attachments.Attachment.MaxDescription)
                errors.Add(new ImportError(source, row.Number, "description", Messages.Format("attachmentDescriptionTooLong", ("max", Attachments.Attachment.MaxDescription))));
            else if (description.Length > 0)
                descriptions.Add(new FileDescription(source, row.Number, file, description));
        }
        return new ReadResult([], errors) { Descriptions = descriptions };
    }

    /// <summary>Each description on the file it names; one that names no file of the import, or a file twice, is an error.</summary>
    private static ReadResult Described(ReadResult result)
    {
        if (result.Descriptions.Count == 0) return result;
        var errors = new List<ImportError>();
        var byPath = new Dictionary<string, FileDescription>(StringComparer.Ordinal);
        var paths = result.Files.Select(file => file.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var description in result.Descriptions)
        {
            if (!paths.Contains(description.File))
                errors.Add(new ImportError(description.Source, description.Row, "file", Messages.Format("attachmentDescriptionNoFile", ("file", description.File))));
            else if (!byPath.TryAdd(description.File, description))
                errors.Add(new ImportError(description.Source, description.Row, "file",
                    Messages.Format("attachmentDescribedTwice", ("file", description.File), ("row", byPath[description.File].Row))));
        }
        return result with
        {
            Errors = [.. result.Errors, .. errors],
            Files = result.Files.Select(file => byPath.TryGetValue(file.Path, out var found) ? file with { Description = found.Description } : file).ToList(),
            Descriptions = [],
        };
    }

    /// <summary>A stream that stops with an exception once more than its limit has been read from it.</summary>
    private sealed class BoundedStream(Stream inner, long limit) : Stream
    {
        public sealed class LimitExceededException : IOException;

        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            _read += read;
            if (_read > limit) throw new LimitExceededException();
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>A zip entry's stream that closes its archive (and the archive's file) with it.</summary>
    private sealed class OwningStream(Stream inner, ZipArchive owner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
