using System.Globalization;
using System.Security;
using System.Text;

namespace McscMonitor.FactSheet;

/// <summary>
/// The XMP metadata a PDF/UA file must carry: the "pdfuaid:part 1" claim, the title and the
/// language. PDFsharp 6.2 writes its own packet on save, without that claim, with fields not
/// escaped as XML, and with random document ids that make every render differ. Its packet is an
/// uncompressed stream, so it is replaced here by one of the same byte length (padded with the
/// whitespace XMP allows), which leaves every offset of the file as it was.
/// </summary>
internal static class UniversalAccessibilityMetadata
{
    private static readonly byte[] PacketStart = "<?xpacket begin="u8.ToArray();
    private static readonly byte[] PacketEnd = "<?xpacket end=\"w\"?>"u8.ToArray();

    public sealed record Fields(string Title, string Author, string Subject, string Keywords, string Creator, string Producer, string Language, DateTime Created);

    public static byte[] Declare(byte[] pdf, Fields fields)
    {
        var start = pdf.AsSpan().IndexOf(PacketStart);
        var end = start < 0 ? -1 : pdf.AsSpan(start).IndexOf(PacketEnd);
        if (end < 0) throw new InvalidOperationException("The PDF has no uncompressed XMP packet to replace.");
        var length = end + PacketEnd.Length;

        var packet = Encoding.UTF8.GetBytes(Packet(fields));
        var padding = length - packet.Length - PacketEnd.Length;
        if (padding < 1) throw new InvalidOperationException($"The PDF/UA metadata needs {-padding + 1} more bytes than the packet it replaces.");

        var result = (byte[])pdf.Clone();
        packet.CopyTo(result, start);
        result.AsSpan(start + packet.Length, padding).Fill((byte)' ');
        PacketEnd.CopyTo(result, start + packet.Length + padding);
        return result;
    }

    private static string Packet(Fields fields)
    {
        static string Xml(string text) => SecurityElement.Escape(text);
        var created = fields.Created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>" +
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
            "<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"><pdfuaid:part>1</pdfuaid:part></rdf:Description>" +
            "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">" +
            $"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{Xml(fields.Title)}</rdf:li></rdf:Alt></dc:title>" +
            $"<dc:creator><rdf:Seq><rdf:li>{Xml(fields.Author)}</rdf:li></rdf:Seq></dc:creator>" +
            $"<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{Xml(fields.Subject)}</rdf:li></rdf:Alt></dc:description>" +
            $"<dc:language><rdf:Bag><rdf:li>{Xml(fields.Language)}</rdf:li></rdf:Bag></dc:language></rdf:Description>" +
            "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">" +
            $"<pdf:Keywords>{Xml(fields.Keywords)}</pdf:Keywords><pdf:Producer>{Xml(fields.Producer)}</pdf:Producer></rdf:Description>" +
            "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">" +
            $"<xmp:CreatorTool>{Xml(fields.Creator)}</xmp:CreatorTool><xmp:CreateDate>{created}</xmp:CreateDate><xmp:ModifyDate>{created}</xmp:ModifyDate></rdf:Description>" +
            "</rdf:RDF></x:xmpmeta>\n";
    }
}
