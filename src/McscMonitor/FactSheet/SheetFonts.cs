using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace McscMonitor.FactSheet;

/// <summary>
/// The sheet's two faces (DejaVu Sans and its bold, shipped with the app) for PDFsharp, which
/// embeds them as subsets with Unicode encoding so every letter of every language stays
/// text that can be searched and copied.
/// </summary>
internal sealed class SheetFonts : IFontResolver
{
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    static SheetFonts() => GlobalFontSettings.FontResolver = new SheetFonts();

    public static XFont Font(float size, bool bold) =>
        new(FactSheetCharts.FontName, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? Bold : Regular);

    public byte[] GetFont(string faceName) =>
        File.ReadAllBytes(faceName == Bold ? FactSheetCharts.BoldFont : FactSheetCharts.RegularFont);
}
