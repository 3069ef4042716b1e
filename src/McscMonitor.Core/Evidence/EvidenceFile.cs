using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace McscMonitor.Core.Evidence;

/// <summary>The kinds of file a record's evidence may be, each recognised by its content.</summary>
public enum EvidenceKind { Pdf, Png, Jpeg, Docx, Xlsx, Odt }

/// <summary>Why a file is not taken as evidence; each has a message of its own (<c>attachment.refused.{code}</c>).</summary>
public enum EvidenceRefusal { Empty, UnknownType, Damaged, ActiveContent, Macros, TooLargeInside }

/// <summary>A file taken as evidence: what it is, and its bytes as they are kept (an image without its metadata).</summary>
public sealed record AcceptedEvidence(EvidenceKind Kind, string ContentType, byte[] Content, bool MetadataRemoved);

/// <summary>
/// Decides what an uploaded file is from its bytes, never from its name or the type the browser
/// claims: a PDF, PNG, JPEG, Word or Excel document, or OpenDocument text, each checked for the
/// structure it must have. A PDF that can run script, launch programs or carry other files is
/// refused; images lose everything but their pixels and colour information (a photo's EXIF holds
/// where and when it was taken, which is personal data); office documents with macros are refused.
/// </summary>
public static class EvidenceFile
{
    /// <summary>An office document unpacks to at most this much: a small zip that unpacks to gigabytes is refused unopened.</summary>
    public const long MaxUnpackedBytes = 200L * 1024 * 1024;

    public const int MaxZipEntries = 5_000;

    public static string ContentType(EvidenceKind kind) => kind switch
    {
        EvidenceKind.Pdf => "application/pdf",
        EvidenceKind.Png => "image/png",
        EvidenceKind.Jpeg => "image/jpeg",
        EvidenceKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        EvidenceKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        EvidenceKind.Odt => "application/vnd.oasis.opendocument.text",
    };

    public static string Extension(EvidenceKind kind) => kind switch
    {
        EvidenceKind.Pdf => ".pdf",
        EvidenceKind.Png => ".png",
        EvidenceKind.Jpeg => ".jpg",
        EvidenceKind.Docx => ".docx",
        EvidenceKind.Xlsx => ".xlsx",
        EvidenceKind.Odt => ".odt",
    };

    /// <summary>The file as evidence, or why it is refused.</summary>
    public static (AcceptedEvidence? Accepted, EvidenceRefusal? Refusal) Inspect(byte[] content)
    {
        if (content.Length == 0) return (null, EvidenceRefusal.Empty);
        if (content.AsSpan().StartsWith("%PDF-"u8)) return Pdf(content);
        if (content.AsSpan().StartsWith(PngSignature)) return Png(content);
        if (content.AsSpan().StartsWith((byte[])[0xFF, 0xD8, 0xFF])) return Jpeg(content);
        if (content.AsSpan().StartsWith("PK\u0003\u0004"u8)) return Office(content);
        return (null, EvidenceRefusal.UnknownType);
    }

    private static (AcceptedEvidence?, EvidenceRefusal?) Accept(EvidenceKind kind, byte[] content, bool metadataRemoved = false) =>
        (new AcceptedEvidence(kind, ContentType(kind), content, metadataRemoved), null);

    // PDF: a header, an end-of-file marker near the end, and no name that makes a reader act. Names may
    // be spelt with #xx escapes (/J#61vaScript), and may sit in compressed streams, so both are read.
    private static readonly string[] ActiveNames = ["/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"];

    private static (AcceptedEvidence?, EvidenceRefusal?) Pdf(byte[] content)
    {
        var tail = Encoding.Latin1.GetString(content.AsSpan(Math.Max(0, content.Length - 2048)));
        if (!tail.Contains("%%EOF", StringComparison.Ordinal)) return (null, EvidenceRefusal.Damaged);
        var text = Encoding.Latin1.GetString(content);
        if (HasActiveName(text)) return (null, EvidenceRefusal.ActiveContent);
        long unpacked = 0;
        foreach (var stream in Streams(content, text))
        {
            var inflated = Inflate(stream, MaxUnpackedBytes - unpacked);
            if (inflated is null) continue;
            unpacked += inflated.Length;
            if (unpacked >= MaxUnpackedBytes) return (null, EvidenceRefusal.TooLargeInside);
            if (HasActiveName(Encoding.Latin1.GetString(inflated))) return (null, EvidenceRefusal.ActiveContent);
        }
        return Accept(EvidenceKind.Pdf, content);
    }

    private static bool HasActiveName(string text)
    {
        var names = text.Contains('#') ? UnescapeNames(text) : text;
        foreach (var name in ActiveNames)
        {
            var at = 0;
            while ((at = names.IndexOf(name, at, StringComparison.Ordinal)) >= 0)
            {
                var end = at + name.Length;
                // A whole name, not the start of a longer one (/JSON is harmless, /JS is not).
                if (end >= names.Length || !char.IsAsciiLetterOrDigit(names[end])) return true;
                at = end;
            }
        }
        return false;
    }

    private static string UnescapeNames(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '#' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                builder.Append((char)Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else builder.Append(text[i]);
        }
        return builder.ToString();
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Streams(byte[] content, string text)
    {
        var at = 0;
        while ((at = text.IndexOf("stream", at, StringComparison.Ordinal)) >= 0)
        {
            var start = at + "stream".Length;
            if (at > 0 && text[at - 1] == 'd')
            {
                at = start;  // the end of a stream, not a start
                continue;
            }
            if (start < text.Length && text[start] == '\r') start++;
            if (start < text.Length && text[start] == '\n') start++;
            var end = text.IndexOf("endstream", start, StringComparison.Ordinal);
            if (end < 0) yield break;
            yield return content.AsMemory(start, end - start);
            at = end + "endstream".Length;
        }
    }

    private static byte[]? Inflate(ReadOnlyMemory<byte> stream, long limit)
    {
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(stream.ToArray()), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > limit) break;
            }
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;  // Not deflated (an image's own coding, plain text): scanned as it stands above.
        }
    }

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The chunks a PNG keeps: its pixels and how to show their colours. Text, EXIF and times go.</summary>
    private static readonly HashSet<string> PngKept = ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs", "bKGD"];

    private static (AcceptedEvidence?, EvidenceRefusal?) Png(byte[] content)
    {
        using var kept = new MemoryStream(content.Length);
        kept.Write(PngSignature);
        var at = PngSignature.Length;
        var first = true;
        var removed = false;
        while (true)
        {
            if (at + 12 > content.Length) return (null, EvidenceRefusal.Damaged);
            var length = BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(at));
            if (length > int.MaxValue || at + 12 + (long)length > content.Length) return (null, EvidenceRefusal.Damaged);
            var type = Encoding.ASCII.GetString(content, at + 4, 4);
            if (first && type != "IHDR") return (null, EvidenceRefusal.Damaged);
            first = false;
            var size = 12 + (int)length;
            if (PngKept.Contains(type)) kept.Write(content, at, size);
            else removed = true;
            at += size;
            if (type == "IEND") break;
        }
        return Accept(EvidenceKind.Png, kept.ToArray(), removed);
    }

    /// <summary>
    /// JPEG segments kept: JFIF (APP0), the colour profile (APP2), Adobe's colour transform (APP14) and
    /// everything that codes the image; EXIF and XMP (APP1), IPTC (APP13), comments and the rest go.
    /// </summary>
    private static (AcceptedEvidence?, EvidenceRefusal?) Jpeg(byte[] content)
    {
        using var kept = new MemoryStream(content.Length);
        kept.Write(content, 0, 2);
        var at = 2;
        var removed = false;
        while (true)
        {
            if (at + 4 > content.Length || content[at] != 0xFF) return (null, EvidenceRefusal.Damaged);
            var marker = content[at + 1];
            if (marker == 0xFF) { at++; continue; }  // fill byte
            var length = BinaryPrimitives.ReadUInt16BigEndian(content.AsSpan(at + 2));
            if (length < 2 || at + 2 + length > content.Length) return (null, EvidenceRefusal.Damaged);
            if (marker == 0xDA)
            {
                // Start of scan: the coded image follows to the end of the file, kept as it is.
                if (content[^2] != 0xFF || content[^1] != 0xD9) return (null, EvidenceRefusal.Damaged);
                kept.Write(content, at, content.Length - at);
                break;
            }
            var metadata = marker == 0xFE || (marker is >= 0xE1 and <= 0xEF && marker is not 0xE2 and not 0xEE);
            if (metadata) removed = true;
            else kept.Write(content, at, 2 + length);
            at += 2 + length;
        }
        return Accept(EvidenceKind.Jpeg, kept.ToArray(), removed);
    }

    private static (AcceptedEvidence?, EvidenceRefusal?) Office(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxZipEntries) return (null, EvidenceRefusal.TooLargeInside);
            if (zip.Entries.Sum(entry => entry.Length) > MaxUnpackedBytes) return (null, EvidenceRefusal.TooLargeInside);
            var names = zip.Entries.Select(entry => entry.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (names.Any(name => name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)
                                  || name.StartsWith("Basic/", StringComparison.OrdinalIgnoreCase)))
                return (null, EvidenceRefusal.Macros);
            if (names.Contains("[Content_Types].xml"))
            {
                if (names.Contains("word/document.xml")) return Accept(EvidenceKind.Docx, content);
                if (names.Contains("xl/workbook.xml")) return Accept(EvidenceKind.Xlsx, content);
                return (null, EvidenceRefusal.UnknownType);
            }
            // OpenDocument: its first entry is "mimetype", stored, naming the kind of document.
            if (zip.Entries.FirstOrDefault() is { FullName: "mimetype" } mimetype && names.Contains("content.xml"))
            {
                using var reader = new StreamReader(mimetype.Open(), Encoding.ASCII);
                if (reader.ReadToEnd().Trim() == ContentType(EvidenceKind.Odt)) return Accept(EvidenceKind.Odt, content);
            }
            return (null, EvidenceRefusal.UnknownType);
        }
        catch (InvalidDataException)
        {
            return (null, EvidenceRefusal.Damaged);
        }
    }

    /// <summary>
    /// A file name fit for a download header and a list: the last path segment, only letters,
    /// digits and a few marks, at most 100 characters, with the extension of what the file is.
    /// </summary>
    public static string SafeName(string? uploaded, EvidenceKind kind)
    {
        var name = Path.GetFileNameWithoutExtension((uploaded ?? "").Replace('\\', '/').Split('/')[^1]);
        var safe = new StringBuilder();
        foreach (var character in name.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(character) || character is '-' or '_' or '.' or ' ') safe.Append(character);
            else if (safe.Length > 0 && safe[^1] != '_') safe.Append('_');
            if (safe.Length >= 100) break;
        }
        var trimmed = safe.ToString().Trim(' ', '.', '_');
        return (trimmed.Length == 0 ? "evidence" : trimmed) + Extension(kind);
    }
}
