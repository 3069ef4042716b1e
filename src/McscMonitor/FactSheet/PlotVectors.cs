using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;
using SkiaSharp;

namespace McscMonitor.FactSheet;

/// <summary>A plot as vectors: SVG for the web page, a one-page PDF for the printed sheet to place as a figure.</summary>
internal static partial class PlotVectors
{
    /// <summary>
    /// Renders a plot as an SVG element to place inside an HTML page. The SVG canvas is
    /// disposed before reading, so every group it opened is closed; the XML declaration
    /// (invalid in HTML) is dropped, and a viewBox lets CSS scale the drawing to the screen.
    /// The description becomes the image's accessible name.
    /// </summary>
    public static string Svg(Plot plot, int width, int height, string description)
    {
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            plot.Render(canvas, width, height);
        }
        var svg = Encoding.UTF8.GetString(stream.ToArray());
        var element = svg[Math.Max(0, svg.IndexOf("<svg", StringComparison.Ordinal))..];
        var viewBox = element.Contains("viewBox", StringComparison.Ordinal) ? "" : $"viewBox=\"0 0 {width} {height}\" ";
        var label = System.Net.WebUtility.HtmlEncode(description);
        element = element.Replace("<svg ", $"<svg {viewBox}role=\"img\" aria-label=\"{label}\" ", StringComparison.Ordinal);
        // Path points to a tenth of a unit: finer than a screen shows at this size, and a third less to send.
        return PathData().Replace(element, path => Decimals().Replace(path.Value, number => number.Groups[1].Value));
    }

    [GeneratedRegex(@"\bd=""M[^""]*""")]
    private static partial Regex PathData();

    [GeneratedRegex(@"(\d+\.\d)\d+")]
    private static partial Regex Decimals();

    /// <summary>
    /// A PDF with one page per plot, each page exactly its plot's size, text as text. All plots go
    /// into one document so that the font they share is embedded once, however many there are.
    /// </summary>
    public static byte[] Pdf(IEnumerable<(Plot Plot, int Width, int Height)> plots)
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream))
        {
            foreach (var (plot, width, height) in plots)
            {
                plot.Render(document.BeginPage(width, height), width, height);
                document.EndPage();
            }
            document.Close();
        }
        return stream.ToArray();
    }
}
