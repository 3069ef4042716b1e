using System.Globalization;

namespace McscMonitor.Core.Domain;

/// <summary>
/// Dates as files, forms and messages write them in every language: YYYY-MM-DD, the
/// exchange format's form (design §5), never the reader's local order.
/// </summary>
public static class IsoDate
{
    /// <summary>
    /// The round-trip format, which for a date is exactly yyyy-MM-dd. It has a fast path of its
    /// own: the pattern written out is parsed with culture-aware comparisons, ten times the cost,
    /// and an import parses every date of a file twice.
    /// </summary>
    private const string RoundTrip = "O";

    public static string Text(DateOnly date) => date.ToString(RoundTrip, CultureInfo.InvariantCulture);

    public static string? Text(DateOnly? date) => date is { } value ? Text(value) : null;

    public static bool TryParse(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, RoundTrip, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
