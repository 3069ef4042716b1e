namespace McscMonitor.Core.Domain;

/// <summary>
/// The years the app keeps records and figures for: one pair of bounds for every route, verb,
/// form and import check, so that no two of them disagree about which years exist.
/// </summary>
public static class YearBounds
{
    public const int First = 2000;
    public const int Last = 2100;

    public static bool Contains(int year) => year is >= First and <= Last;

    /// <summary>"2000–2100", as a message names the range.</summary>
    public static string Range => $"{First}–{Last}";
}
