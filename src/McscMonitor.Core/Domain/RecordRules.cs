using McscMonitor.Core.Localization;

namespace McscMonitor.Core.Domain;

/// <summary>
/// Checks a record must pass however it arrives (import, form or API); each returns the
/// problem in plain words, in the reader's language, or null when the value is acceptable.
/// </summary>
public static class RecordRules
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public static string? YearOutOfRange(DateOnly date) =>
        date.Year is < FirstYear or > LastYear
            ? Messages.Format("yearOutOfRange", ("date", IsoDate.Text(date)), ("first", FirstYear), ("last", LastYear))
            : null;

    public static string NotAYear(string text) =>
        Messages.Format("notAYear", ("value", text), ("first", FirstYear), ("last", LastYear));

    public static string? NegativeCount(int? count) =>
        count < 0 ? Messages.Format("negativeCount", ("count", count)) : null;

    public static string? WomenAboveAttendees(int? attendees, int? women) =>
        women > attendees ? Messages.Format("womenAboveAttendees", ("women", women), ("attendees", attendees)) : null;

    public static string NoCouncil(string municipalityName) => Messages.Format("noCouncil", ("name", municipalityName));

    public static string? NoCouncilOn(string municipalityName, DateOnly date, DateOnly? establishedOn, DateOnly? dissolvedOn)
    {
        if (establishedOn is null) return NoCouncil(municipalityName);
        if (date >= establishedOn && !(date > dissolvedOn)) return null;
        return dissolvedOn is { } dissolved
            ? Messages.Format("noCouncilOn", ("name", municipalityName), ("date", IsoDate.Text(date)), ("from", IsoDate.Text(establishedOn)), ("to", IsoDate.Text(dissolved)))
            : Messages.Format("noCouncilBefore", ("name", municipalityName), ("date", IsoDate.Text(date)), ("from", IsoDate.Text(establishedOn)));
    }
}
