using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace McscMonitor.Tests.Hostile;

/// <summary>Hostile files, made by the tests themselves rather than committed as blobs.</summary>
public static class CraftedFiles
{
    public const long BombUnpackedBytes = 700L * 1024 * 1024;

    private static readonly Lazy<byte[]> CsvBombZip = new(() => Zip("meetings.csv", BombUnpackedBytes, "municipality,date,status\n"));

    /// <summary>About 2 MB that unpacks to 700 MB of CSV.</summary>
    public static byte[] ZipBomb => CsvBombZip.Value;

    /// <summary>A workbook whose one sheet unpacks to 700 MB of XML.</summary>
    public static byte[] XlsxBomb() => Zip("xl/worksheets/sheet1.xml", BombUnpackedBytes, "<worksheet><sheetData>",
        ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"));

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                entry.Write(content);
            }
        return buffer.ToArray();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static MultipartFormDataContent Upload(string fileName, byte[] content)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return form;
    }

    /// <summary>One entry of <paramref name="size"/> bytes of the same line over and over, streamed into the zip.</summary>
    private static byte[] Zip(string name, long size, string head, params (string Name, string Content)[] others)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (otherName, content) in others)
            {
                using var other = zip.CreateEntry(otherName).Open();
                other.Write(Utf8(content));
            }
            using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            entry.Write(Utf8(head));
            var block = Utf8(string.Concat(Enumerable.Repeat("peje,2021-03-01,held\n", 50_000)));
            for (long written = head.Length; written < size; written += block.Length) entry.Write(block);
        }
        return buffer.ToArray();
    }
}
