using System.Diagnostics;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace McscMonitor.Tests;

/// <summary>What assistive technology reads from a PDF: its structure tree, through poppler and through PDFsharp's reader.</summary>
public static class TaggedPdf
{
    /// <summary>One structure element: its type, its alternative or actual text, and the text poppler reads from it.</summary>
    public sealed record Element(string Type, string? Alt, string? ActualText, string? Scope);

    /// <summary>poppler's <c>pdfinfo -struct-text</c>: the structure tree with each element's text, in reading order.</summary>
    public static string StructText(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mcsc-struct-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdfinfo", ["-struct-text", file])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEnd();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"pdfinfo failed: {errors}");
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Every structure element, depth first, as PDFsharp reads it back.</summary>
    public static IReadOnlyList<Element> Elements(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var elements = new List<Element>();
        void Walk(PdfDictionary? node)
        {
            if (node is null) return;
            var type = node.Elements.GetName("/S");
            if (type.Length > 0)
            {
                var attributes = node.Elements.GetDictionary("/A");
                elements.Add(new Element(type.TrimStart('/'), Text(node, "/Alt"), Text(node, "/ActualText"),
                    attributes?.Elements.GetName("/Scope") is { Length: > 0 } scope ? scope.TrimStart('/') : null));
            }
            var kids = node.Elements["/K"];
            switch (kids is PdfReference reference ? reference.Value : kids)
            {
                case PdfArray array:
                    for (var index = 0; index < array.Elements.Count; index++) Walk(array.Elements.GetDictionary(index));
                    break;
                case PdfDictionary kid:
                    Walk(kid);
                    break;
            }
        }
        Walk(document.Internals.Catalog.Elements.GetDictionary("/StructTreeRoot"));
        return elements;
    }

    /// <summary>The document's own declarations: its language, whether it is marked as tagged, whether viewers show its title.</summary>
    public static (string Language, bool Marked, bool DisplaysTitle, string Xmp) Catalog(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var catalog = document.Internals.Catalog;
        var metadata = catalog.Elements.GetDictionary("/Metadata")?.Stream;
        var xmp = metadata is null ? "" : System.Text.Encoding.UTF8.GetString(metadata.UnfilteredValue);
        return (catalog.Elements.GetString("/Lang"),
            catalog.Elements.GetDictionary("/MarkInfo")?.Elements.GetBoolean("/Marked") ?? false,
            catalog.Elements.GetDictionary("/ViewerPreferences")?.Elements.GetBoolean("/DisplayDocTitle") ?? false,
            xmp);
    }

    private static string? Text(PdfDictionary node, string key) => node.Elements.ContainsKey(key) ? node.Elements.GetString(key) : null;
}
