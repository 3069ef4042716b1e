using System.Text;
using ScottPlot;
using SkiaSharp;

namespace McscMonitor.FactSheet;

internal static class SvgMarkup
{
    /// <summary>
    /// Renders a plot as an SVG element to place inside an HTML page. The SVG canvas is
    /// disposed before reading, so every group it opened is closed; the XML declaration
    /// (invalid in HTML) is dropped, and a viewBox lets CSS scale the drawing to the screen.
    /// </summary>
    public static string Render(Plot plot, int width, int height)
    {
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            plot.Render(canvas, width, height);
        }
        var svg = Encoding.UTF8.GetString(stream.ToArray());
        var element = svg[Math.Max(0, svg.IndexOf("<svg", StringComparison.Ordinal))..];
        return element.Contains("viewBox", StringComparison.Ordinal)
            ? element
            : element.Replace("<svg ", $"<svg viewBox=\"0 0 {width} {height}\" ", StringComparison.Ordinal);
    }
}
