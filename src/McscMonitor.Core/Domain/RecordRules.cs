namespace McscMonitor.Core.Domain;

/// <summary>
/// Checks a record must pass however it arrives (import, form or API); each returns the
/// problem in plain words, or null when the value is acceptable.
/// </summary>
public static class RecordRules
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public static string? YearOutOfRange(DateOnly date) =>
        date.Year is < FirstYear or > LastYear ? $"{date:yyyy-MM-dd} is outside the years {FirstYear}–{LastYear}" : null;

    public static string? NegativeCount(int? count) =>
        count < 0 ? $"{count} is negative; a count cannot be below 0" : null;

    public static string? WomenAboveAttendees(int? attendees, int? women) =>
        women > attendees ? $"{women} women attendees is more than the {attendees} attendees in all" : null;

    public static string? NoCouncilOn(string municipalityName, DateOnly date, DateOnly? establishedOn, DateOnly? dissolvedOn)
    {
        if (establishedOn is null) return $"{municipalityName} has no council recorded; add it to councils first";
        if (date >= establishedOn && !(date > dissolvedOn)) return null;
        var span = dissolvedOn is { } dissolved
            ? $"it existed from {establishedOn:yyyy-MM-dd} to {dissolved:yyyy-MM-dd}"
            : $"it was established on {establishedOn:yyyy-MM-dd}";
        return $"{municipalityName} had no council on {date:yyyy-MM-dd}; {span}";
    }
}
