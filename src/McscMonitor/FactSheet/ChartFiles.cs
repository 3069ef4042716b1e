using System.Text;

namespace McscMonitor.FactSheet;

/// <summary>Each chart's own files (SVG, PNG and its data as CSV), the same live and in a published version.</summary>
public static class ChartFiles
{
    /// <summary>One chart file, named as it is served: "meetings.svg", "map.png", "inclusion.csv".</summary>
    public static byte[] Render(FactSheetModel model, string file)
    {
        var chart = ChartKinds.Find(Path.GetFileNameWithoutExtension(file)) ?? throw new ArgumentException($"No chart has the file {file}.", nameof(file));
        // With a byte-order mark: without one, Excel on Windows reads ë, ç and Cyrillic as a legacy code page.
        if (file.EndsWith(".csv", StringComparison.Ordinal)) return Indicators.IndicatorText.WithByteOrderMark(ChartCsv.Of(model, chart));
        var svg = file.EndsWith(".svg", StringComparison.Ordinal);
        return chart switch
        {
            ChartKind.Map => svg ? Encoding.UTF8.GetBytes(KosovoMap.Svg(model)) : KosovoMap.Png(model),
            ChartKind.Trend => throw ChartKinds.NoFiles(chart),
            ChartKind.Meetings or ChartKind.Discussions or ChartKind.WorkPlans or ChartKind.Compensation or ChartKind.Inclusion =>
                Bars(model, model.Charts.Single(c => c.Kind == chart), svg),
        };
    }

    private static byte[] Bars(FactSheetModel model, ChartData chart, bool svg) =>
        svg ? Encoding.UTF8.GetBytes(FactSheetCharts.Svg(chart, model.Describe(chart))) : FactSheetCharts.Png(chart);
}
