using System.Text;

namespace McscMonitor.FactSheet;

/// <summary>Each chart's own files (SVG, PNG and its data as CSV), the same live and in a published version.</summary>
public static class ChartFiles
{
    public static readonly string[] Ids = ["meetings", "discussions", "work-plans", "compensation", "inclusion", "map"];

    /// <summary>One chart file, named as it is served: "meetings.svg", "map.png", "inclusion.csv".</summary>
    public static byte[] Render(FactSheetModel model, string file)
    {
        var chart = Path.GetFileNameWithoutExtension(file);
        // With a byte-order mark: without one, Excel on Windows reads ë, ç and Cyrillic as a legacy code page.
        if (file.EndsWith(".csv", StringComparison.Ordinal)) return Indicators.IndicatorText.WithByteOrderMark(ChartCsv.Of(model, chart));
        var svg = file.EndsWith(".svg", StringComparison.Ordinal);
        if (chart == "map") return svg ? Encoding.UTF8.GetBytes(KosovoMap.Svg(model)) : KosovoMap.Png(model);
        var data = model.Charts.Single(c => c.Id == chart);
        return svg ? Encoding.UTF8.GetBytes(FactSheetCharts.Svg(data, model.Describe(data))) : FactSheetCharts.Png(data);
    }
}
