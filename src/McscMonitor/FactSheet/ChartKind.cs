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

    public static ChartKind? Find(string id) => OfTheSheet.Cast<ChartKind?>().FirstOrDefault(kind => kind!.Value.Id() == id);
}
