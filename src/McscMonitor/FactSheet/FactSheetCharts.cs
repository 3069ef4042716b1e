using System.Globalization;
using ScottPlot;

namespace McscMonitor.FactSheet;

/// <summary>
/// Draws a <see cref="ChartData"/> with ScottPlot. One plot serves three outputs: SVG for
/// the web page, PNG for download, and vectors drawn straight onto the PDF's canvas.
/// </summary>
public static class FactSheetCharts
{
    public const string FontName = "DejaVu Sans";
    private const float TickFontSize = SheetStyle.Chart;

    /// <summary>Column charts name their columns a size smaller: four categories share half a page's width.</summary>
    public const float CategoryFontSize = SheetStyle.Small;

    public static readonly string FontFolder = Path.Combine(AppContext.BaseDirectory, "FactSheet", "Fonts");
    public static readonly string RegularFont = Path.Combine(FontFolder, "DejaVuSans.ttf");
    public static readonly string BoldFont = Path.Combine(FontFolder, "DejaVuSans-Bold.ttf");

    public static readonly Color Meets = Color.FromHex(SheetStyle.Meets);
    public static readonly Color Below = Color.FromHex(SheetStyle.Below);
    public static readonly Color Reference = Color.FromHex(SheetStyle.Reference);
    public static readonly Color NoData = Color.FromHex(SheetStyle.NoData);
    private static readonly Color[] SeriesColors = [.. SheetStyle.Series.Select(Color.FromHex)];

    private static readonly Dictionary<string, Color> CategoryColors = new()
    {
        ["meets"] = Meets, ["below"] = Below,
        ["yes"] = Meets, ["no"] = Reference, ["partial"] = Color.FromHex(SheetStyle.Partial), ["nodata"] = NoData,
    };

    static FactSheetCharts()
    {
        Fonts.AddFontFile(FontName, RegularFont, bold: false, italic: false);
        Fonts.AddFontFile(FontName, BoldFont, bold: true, italic: false);
    }

    /// <summary>The size a chart is drawn at, in pixels on screen and points in the PDF.</summary>
    public static (int Width, int Height) SizeOf(ChartData chart) => chart.Kind switch
    {
        ChartKind.Meetings => (520, 36 + 11 * Math.Max(1, chart.Bars.Count)),
        ChartKind.Discussions => (520, 56 + 10 * Math.Max(1, chart.Bars.Select(bar => bar.Label).Distinct().Count())),
        ChartKind.Inclusion => (520, 56 + 11 * Math.Max(1, chart.Bars.Select(bar => bar.Label).Distinct().Count())),
        ChartKind.WorkPlans or ChartKind.Compensation or ChartKind.Trend => (250, 170),
        ChartKind.Map => throw NotABarChart(),
    };

    public static Plot Build(ChartData chart) => chart.Kind switch
    {
        ChartKind.Meetings => HorizontalBars(chart),
        ChartKind.Discussions or ChartKind.Inclusion => GroupedHorizontalBars(chart),
        ChartKind.WorkPlans or ChartKind.Compensation or ChartKind.Trend => CategoryColumns(chart),
        ChartKind.Map => throw NotABarChart(),
    };

    private static InvalidOperationException NotABarChart() => new("The map is drawn by KosovoMap, not from bars.");

    /// <param name="description">The chart in words (<see cref="FactSheetModel.Describe"/>), its accessible name.</param>
    public static string Svg(ChartData chart, string? description = null)
    {
        var (width, height) = SizeOf(chart);
        return PlotVectors.Svg(Build(chart), width, height, description ?? chart.Title);
    }


    public static byte[] Png(ChartData chart)
    {
        var (width, height) = SizeOf(chart);
        var plot = Build(chart);
        plot.ScaleFactor = 2;
        return plot.GetImageBytes(width * 2, height * 2, ImageFormat.Png);
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickFontSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickFontSize;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Grid.MajorLineColor = Color.FromHex(SheetStyle.Grid);
        plot.Axes.Right.IsVisible = false;
        plot.Axes.Top.IsVisible = false;
        return plot;
    }

    private static Plot HorizontalBars(ChartData chart)
    {
        var plot = NewPlot();
        var count = chart.Bars.Count;
        var barPlot = plot.Add.Bars(chart.Bars.Select((bar, index) => LabelledBar(bar, position: count - 1 - index, size: 0.7)).ToList());
        barPlot.Horizontal = true;
        barPlot.ValueLabelStyle.FontSize = 8;
        barPlot.ValueLabelStyle.FontName = FontName;
        plot.Axes.Left.SetTicks(
            chart.Bars.Select((_, index) => (double)(count - 1 - index)).ToArray(),
            chart.Bars.Select(bar => bar.Label).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;

        var max = Math.Max(chart.Bars.Max(bar => bar.Value) ?? 0, chart.ReferenceLine ?? 0);
        if (chart.ReferenceLine is { } reference and > 0)
        {
            var line = plot.Add.VerticalLine(reference, 1.5f, Reference, LinePattern.Dashed);
            line.Text = reference.ToString(CultureInfo.InvariantCulture);
            line.LabelFontSize = 8;
            line.LabelFontName = FontName;
        }
        plot.Axes.SetLimits(0, Math.Max(1, max) * 1.12, -0.6, count - 0.4);
        return plot;
    }

    private static Plot GroupedHorizontalBars(ChartData chart)
    {
        var plot = NewPlot();
        var series = chart.Bars.Select(bar => bar.Series!).Distinct().ToList();
        var labels = chart.Bars.Select(bar => bar.Label).Distinct().ToList();
        var width = 0.8 / series.Count;
        var bars = new List<Bar>();
        for (var row = 0; row < labels.Count; row++)
        {
            for (var s = 0; s < series.Count; s++)
            {
                var bar = chart.Bars.Single(bar => bar.Label == labels[row] && bar.Series == series[s]);
                bars.Add(new Bar
                {
                    // First series on top within each group, like reading order.
                    Position = labels.Count - 1 - row + 0.4 - width * (s + 0.5),
                    Value = bar.Value ?? 0,
                    Size = width * 0.92,
                    FillColor = SeriesColors[s % SeriesColors.Length],
                    LineWidth = 0,
                    // Every value written beside its bar, so that "no data" or a withheld "< 3" never reads as a drawn 0.
                    Label = bar.Text ?? Format(bar.Value),
                });
            }
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        barPlot.ValueLabelStyle.FontSize = 7;
        barPlot.ValueLabelStyle.FontName = FontName;
        plot.Axes.Left.SetTicks(labels.Select((_, row) => (double)(labels.Count - 1 - row)).ToArray(), labels.ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        var legend = plot.ShowLegend(series.Select((name, s) => new LegendItem
        {
            LabelText = name, FillColor = SeriesColors[s % SeriesColors.Length], LineWidth = 0,
        }), Alignment.LowerRight);
        legend.FontSize = TickFontSize;
        legend.FontName = FontName;
        var max = chart.Bars.Max(bar => bar.Value) ?? 0;
        // Room right of the longest bar for its value, and for "no data" beside an empty one.
        plot.Axes.SetLimits(0, Math.Max(1, max) * 1.2, -0.6, labels.Count - 0.4);
        return plot;
    }

    private static Plot CategoryColumns(ChartData chart)
    {
        var plot = NewPlot();
        var barPlot = plot.Add.Bars(chart.Bars.Select((bar, index) => LabelledBar(bar, position: index, size: 0.6)).ToList());
        barPlot.ValueLabelStyle.FontSize = 9;
        barPlot.ValueLabelStyle.FontName = FontName;
        plot.Axes.Bottom.SetTicks(chart.Bars.Select((_, index) => (double)index).ToArray(), CategoryLabels(chart).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = CategoryFontSize;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        var max = chart.Bars.Max(bar => bar.Value) ?? 0;
        plot.Axes.SetLimits(-0.6, chart.Bars.Count - 0.4, 0, Math.Max(1, max) * 1.2);
        return plot;
    }

    /// <summary>
    /// A column chart's category labels as drawn: a label longer than its column is wide breaks at
    /// the space nearest its middle ("No data" in Serbian is two words that do not fit on one line).
    /// </summary>
    public static IEnumerable<string> CategoryLabels(ChartData chart) => chart.Bars.Select(bar =>
    {
        var label = bar.Label;
        if (label.Length <= 10 || !label.Contains(' ', StringComparison.Ordinal)) return label;
        var middle = label.Length / 2;
        var space = Enumerable.Range(0, label.Length).Where(i => label[i] == ' ').MinBy(i => Math.Abs(i - middle));
        return $"{label[..space]}\n{label[(space + 1)..]}";
    });

    /// <summary>How wide one column of a column chart is, in points, at its drawn size.</summary>
    public static float CategoryWidth(ChartData chart) => (SizeOf(chart).Width - 40f) / (chart.Bars.Count + 0.2f);

    /// <summary>One bar coloured by its category, with its value written beside it.</summary>
    private static Bar LabelledBar(ChartBar bar, double position, double size) => new()
    {
        Position = position,
        Value = bar.Value ?? 0,
        FillColor = CategoryColors.GetValueOrDefault(bar.Category ?? "", SeriesColors[0]),
        LineWidth = 0,
        Size = size,
        Label = bar.Text ?? Format(bar.Value),
    };

    private static string Format(double? value) => value?.ToString("0", CultureInfo.InvariantCulture) ?? "";
}
