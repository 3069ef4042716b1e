namespace McscMonitor.FactSheet;

/// <summary>
/// The figures the app draws: the fact sheet's five charts of counts and its map, and a figure
/// over the years on the trends page. Each switch over them names every one.
/// </summary>
public enum ChartKind { Meetings, Discussions, WorkPlans, Compensation, Inclusion, Map, Trend }

public static class ChartKinds
{
    /// <summary>The fact sheet's figures, each published as its own files.</summary>
    public static readonly IReadOnlyList<ChartKind> OfTheSheet = [.. Enum.GetValues<ChartKind>().Where(kind => kind != ChartKind.Trend)];

    /// <summary>The name of its files ("work-plans.svg") and of its figure on the page (<c>chart-work-plans</c>).</summary>
    public static string Id(this ChartKind kind) => kind switch
    {
        ChartKind.Meetings => "meetings",
        ChartKind.Discussions => "discussions",
        ChartKind.WorkPlans => "work-plans",
        ChartKind.Compensation => "compensation",
        ChartKind.Inclusion => "inclusion",
        ChartKind.Map => "map",
        ChartKind.Trend => "trend",
    };

    /// <summary>The sheet's figure whose files are named <paramref name="id"/>, or null.</summary>
    public static ChartKind? Find(string id) => OfTheSheet.Where(kind => kind.Id() == id).Select(kind => (ChartKind?)kind).FirstOrDefault();

    /// <summary>For a switch that meets the trend figure, which has no files of its own (the trends page draws it inline).</summary>
    public static InvalidOperationException NoFiles(ChartKind kind) => new($"The {kind.Id()} figure is drawn on its page and has no files.");
}
