using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using McscMonitor.Core.Evidence;

namespace McscMonitor.Core.Tests.Evidence;

public class EvidenceFileTests
{
    /// <summary>A small PDF with one page; <paramref name="extra"/> goes into its catalogue, <paramref name="stream"/> into a deflated stream.</summary>
    internal static byte[] Pdf(string extra = "", string? stream = null)
    {
        using var pdf = new MemoryStream();
        void Write(string text) => pdf.Write(Encoding.Latin1.GetBytes(text));
        Write($"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R {extra}>>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
        if (stream is not null)
        {
            using var packed = new MemoryStream();
            using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(Encoding.Latin1.GetBytes(stream));
            Write($"3 0 obj\n<< /Length {packed.Length} /Filter /FlateDecode >>\nstream\n");
            pdf.Write(packed.ToArray());
            Write("\nendstream\nendobj\n");
        }
        Write("trailer\n<< /Root 1 0 R >>\n%%EOF\n");
        return pdf.ToArray();
    }

    internal static byte[] Png(params (string Type, byte[] Data)[] chunks)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        foreach (var (type, data) in (IEnumerable<(string, byte[])>)[("IHDR", new byte[13]), .. chunks, ("IDAT", [1, 2, 3]), ("IEND", [])])
        {
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
            png.Write(length);
            png.Write(Encoding.ASCII.GetBytes(type));
            png.Write(data);
            png.Write(new byte[4]);  // CRC: not checked here, kept as it is
        }
        return png.ToArray();
    }

    internal static byte[] Jpeg(params (byte Marker, byte[] Data)[] segments)
    {
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        foreach (var (marker, data) in (IEnumerable<(byte, byte[])>)[(0xE0, "JFIF\0"u8.ToArray()), .. segments, (0xDB, new byte[65])])
        {
            jpeg.Write([0xFF, marker, (byte)((data.Length + 2) >> 8), (byte)(data.Length + 2)]);
            jpeg.Write(data);
        }
        jpeg.Write([0xFF, 0xDA, 0x00, 0x02, 0x11, 0x22, 0x33, 0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    internal static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.NoCompression).Open());
                writer.Write(content);
            }
        return file.ToArray();
    }

    internal static readonly (string, string)[] Docx = [("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")];

    [Fact]
    public void APdfAPngAJpegAWordAnExcelAndAnOpenDocumentFileAreRecognisedByTheirContent()
    {
        Assert.Equal(EvidenceKind.Pdf, EvidenceFile.Inspect(Pdf()).Accepted?.Kind);
        Assert.Equal(EvidenceKind.Png, EvidenceFile.Inspect(Png()).Accepted?.Kind);
        Assert.Equal(EvidenceKind.Jpeg, EvidenceFile.Inspect(Jpeg()).Accepted?.Kind);
        Assert.Equal(EvidenceKind.Docx, EvidenceFile.Inspect(Zip(Docx)).Accepted?.Kind);
        Assert.Equal(EvidenceKind.Xlsx, EvidenceFile.Inspect(Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>"))).Accepted?.Kind);
        Assert.Equal(EvidenceKind.Odt, EvidenceFile.Inspect(Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office/>"))).Accepted?.Kind);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><script>alert(1)</script></html>")]
    [InlineData("MZ\u0090\u0000 an executable")]
    [InlineData("%!PS-Adobe-3.0 a PostScript file")]
    public void AFileThatIsNoneOfTheKindsIsRefusedWhateverItIsCalled(string content)
    {
        var (accepted, refusal) = EvidenceFile.Inspect(Encoding.Latin1.GetBytes(content));

        Assert.Null(accepted);
        Assert.Equal(EvidenceRefusal.UnknownType, refusal);
    }

    [Theory]
    [InlineData("/OpenAction << /S /JavaScript /JS (app.alert(1)) >> ", null)]
    [InlineData("/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> ", null)]
    [InlineData("/Names << /EmbeddedFiles 5 0 R >> ", null)]
    [InlineData("", "<< /S /Launch /F (cmd.exe) >>")]
    public void APdfThatCanRunScriptLaunchAProgramOrCarryFilesIsRefusedEvenWhenSpeltOrPackedToHideIt(string catalogue, string? packed)
    {
        Assert.Equal(EvidenceRefusal.ActiveContent, EvidenceFile.Inspect(Pdf(catalogue, packed)).Refusal);
    }

    [Fact]
    public void APdfWithHarmlessNamesThatBeginLikeActiveOnesIsTaken() =>
        Assert.NotNull(EvidenceFile.Inspect(Pdf("/JSONData 1 /Launched true ")).Accepted);

    [Fact]
    public void APdfCutShortIsRefusedAsDamaged() =>
        Assert.Equal(EvidenceRefusal.Damaged, EvidenceFile.Inspect(Pdf()[..60]).Refusal);

    [Fact]
    public void APhotosExifAndXmpAndCommentsAreRemovedAndItsColourProfileKept()
    {
        var exif = Encoding.ASCII.GetBytes("Exif\0\0GPSLatitude 42.6629 GPSLongitude 21.1655");
        var profile = Encoding.ASCII.GetBytes("ICC_PROFILE\0sRGB");
        var photo = Jpeg((0xE1, exif), (0xE2, profile), (0xFE, Encoding.ASCII.GetBytes("taken at the town hall")));

        var accepted = EvidenceFile.Inspect(photo).Accepted!;
        var kept = Encoding.Latin1.GetString(accepted.Content);

        Assert.True(accepted.MetadataRemoved);
        Assert.DoesNotContain("GPSLatitude", kept);
        Assert.DoesNotContain("town hall", kept);
        Assert.Contains("ICC_PROFILE", kept);
        Assert.Equal(photo[^9..], accepted.Content[^9..]);
    }

    [Fact]
    public void APngsTextAndExifChunksAreRemovedAndItsPixelsKept()
    {
        var accepted = EvidenceFile.Inspect(Png(("tEXt", Encoding.ASCII.GetBytes("Author\0Jane Doe")), ("eXIf", Encoding.ASCII.GetBytes("GPS")))).Accepted!;
        var kept = Encoding.Latin1.GetString(accepted.Content);

        Assert.True(accepted.MetadataRemoved);
        Assert.DoesNotContain("Jane Doe", kept);
        Assert.DoesNotContain("eXIf", kept);
        Assert.Contains("IDAT", kept);
        Assert.EndsWith("IEND\0\0\0\0", kept);
    }

    [Fact]
    public void AnOfficeDocumentWithMacrosIsRefused() =>
        Assert.Equal(EvidenceRefusal.Macros, EvidenceFile.Inspect(Zip([.. Docx, ("word/vbaProject.bin", "macro")])).Refusal);

    [Fact]
    public void AZipThatIsNotAnOfficeDocumentIsRefused() =>
        Assert.Equal(EvidenceRefusal.UnknownType, EvidenceFile.Inspect(Zip(("evil.html", "<script/>"))).Refusal);

    [Theory]
    [InlineData("../../etc/passwd", EvidenceKind.Pdf, "passwd.pdf")]
    [InlineData("C:\\Users\\x\\Procesverbali 2021 (final).exe", EvidenceKind.Pdf, "Procesverbali 2021 _final.pdf")]
    [InlineData("zapisnik\r\nSet-Cookie: a=b.docx", EvidenceKind.Docx, "zapisnik_Set-Cookie_ a_b.docx")]
    [InlineData("Записник.jpeg", EvidenceKind.Jpeg, "Записник.jpg")]
    [InlineData("", EvidenceKind.Png, "evidence.png")]
    public void AFileNameKeepsOnlyItsLastSegmentPlainCharactersAndTheExtensionOfWhatItIs(string uploaded, EvidenceKind kind, string expected) =>
        Assert.Equal(expected, EvidenceFile.SafeName(uploaded, kind));
}
