using System.Globalization;

namespace McscMonitor.Core.Domain;

/// <summary>
/// Dates as files, forms and messages write them in every language: YYYY-MM-DD, the
/// exchange format's form (design §5), never the reader's local order.
/// </summary>
public static class IsoDate
{
    private const string Pattern = "yyyy-MM-dd";

    public static string Text(DateOnly date) => date.ToString(Pattern, CultureInfo.InvariantCulture);

    public static string? Text(DateOnly? date) => date is { } value ? Text(value) : null;

    public static bool TryParse(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
