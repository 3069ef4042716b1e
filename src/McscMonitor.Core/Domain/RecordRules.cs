using McscMonitor.Core.Localization;

namespace McscMonitor.Core.Domain;

/// <summary>
/// Checks a record must pass however it arrives (import, form or API); each returns the
/// problem in plain words, in the reader's language, or null when the value is acceptable.
/// </summary>
public static class RecordRules
{
    /// <summary>
    /// Free text as typed, checked the same way wherever it arrives: no longer than the
    /// column holds, and free of control characters (a NUL breaks PostgreSQL) and of the
    /// invisible characters (direction overrides, zero-width spaces) that make a name read
    /// differently from what it is.
    /// </summary>
    public static string? Text(string? value, int maxLength)
    {
        if (value is null) return null;
        if (value.Length > maxLength) return Messages.Format("tooLong", ("length", value.Length), ("limit", maxLength));
        return value.Any(IsForbidden) ? Messages.Current["forbiddenCharacters"] : null;
    }

    /// <summary>Control characters, direction overrides and isolates, and the invisible zero-width ones (a name with U+200B inside looks like another).</summary>
    private static bool IsForbidden(char character) =>
        char.IsControl(character) || character is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069'
            or >= '\u200B' and <= '\u200F' or '\u2060' or '\uFEFF';

    public static string? YearOutOfRange(DateOnly date) =>
        date.Year is < YearBounds.First or > YearBounds.Last
            ? Messages.Format("yearOutOfRange", ("date", IsoDate.Text(date)), ("first", YearBounds.First), ("last", YearBounds.Last))
            : null;

    public static string NotAYear(string text) =>
        Messages.Format("notAYear", ("value", text), ("first", YearBounds.First), ("last", YearBounds.Last));

    public static string? NegativeCount(int? count) =>
        count < 0 ? Messages.Format("negativeCount", ("count", count)) : null;

    public static string? WomenAboveAttendees(int? attendees, int? women) =>
        women > attendees ? Messages.Format("womenAboveAttendees", ("women", women), ("attendees", attendees)) : null;

    /// <summary>
    /// A work plan or compensation record belongs to a year in which the council existed (for a
    /// day at least), like a meeting to a day on which it existed: otherwise it could only be
    /// ignored or, worse, counted for a council that was not there.
    /// </summary>
    public static string? NoCouncilIn(string municipalityName, int year, DateOnly? establishedOn, DateOnly? dissolvedOn)
    {
        if (establishedOn is null) return NoCouncil(municipalityName);
        if (establishedOn <= new DateOnly(year, 12, 31) && !(dissolvedOn < new DateOnly(year, 1, 1))) return null;
        return dissolvedOn is { } dissolved
            ? Messages.Format("noCouncilInYearBetween", ("name", municipalityName), ("year", year), ("from", IsoDate.Text(establishedOn)), ("to", IsoDate.Text(dissolved)))
            : Messages.Format("noCouncilInYear", ("name", municipalityName), ("year", year), ("from", IsoDate.Text(establishedOn)));
    }

    /// <summary>What has not happened yet cannot be recorded as done: a held meeting, an adoption or an appointment after today.</summary>
    public static string? AfterToday(DateOnly? date, DateOnly today) =>
        date > today ? Messages.Format("afterToday", ("date", IsoDate.Text(date)), ("today", IsoDate.Text(today))) : null;

    /// <summary>An adopted plan says whether it addresses non-majority communities' concerns; a draft may leave it open.</summary>
    public static string? AddressesRequired(DateOnly? adoptedOn, bool? addresses) =>
        adoptedOn is not null && addresses is null ? Messages.Current["addressesRequired"] : null;

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

/// <summary>The longest each free-text field may be: the database columns and every check use these.</summary>
public static class TextLimits
{
    public const int MemberRef = 64;
    public const int FullName = 200;
    public const int Religion = 64;
    public const int AssemblyDecision = 200;

    /// <summary>Any other cell of an import file: codes, dates, numbers and names are all far shorter.</summary>
    public const int Cell = 200;

    public const int TokenName = 100;
    public const int UserName = 64;
    public const int Reason = 500;
}
