namespace McscMonitor.Import;

public sealed record ExchangeColumn(string Name, bool Required, string Description);

public sealed record ExchangeSchema(string Name, IReadOnlyList<ExchangeColumn> Columns)
{
    public string FileName => $"{Name}.csv";
    public IEnumerable<string> ColumnNames => Columns.Select(column => column.Name);
}

/// <summary>The exchange format of the design (§5): one table per file or sheet, natural keys first.</summary>
public static class ExchangeFormat
{
    private static readonly ExchangeColumn MunicipalityColumn =
        new("municipality", true, "Code or any official name, in any language or script");

    public static readonly ExchangeSchema Councils = new("councils",
    [
        MunicipalityColumn,
        new("established_on", true, "Date the assembly established the council (YYYY-MM-DD)"),
        new("assembly_decision", false, "Reference of the assembly decision"),
        new("dissolved_on", false, "Date the council was dissolved, if it was"),
    ]);

    public static readonly ExchangeSchema Members = new("members",
    [
        MunicipalityColumn,
        new("member_ref", true, "Your own stable reference for the member, unique within the municipality"),
        new("full_name", false, "Personal data: shown only to authorised users"),
        new("gender", false, "female, male, other or unknown"),
        new("community", false, "albanian, serbian, turkish, bosniak, roma, ashkali, egyptian, gorani, croat, montenegrin, other"),
        new("religion", false, "Personal data: shown only to authorised users"),
        new("role", true, "chair, police, municipal_official, community_representative, religious_representative, civil_society, women_representative, youth_representative, other"),
        new("appointed_on", true, "YYYY-MM-DD"),
        new("left_on", false, "YYYY-MM-DD, empty while serving"),
    ]);

    public static readonly ExchangeSchema Meetings = new("meetings",
    [
        MunicipalityColumn,
        new("date", true, "YYYY-MM-DD"),
        new("status", true, "held or cancelled"),
        new("attendees", false, "Number of people present"),
        new("women_attendees", false, "Number of women present"),
        new("discussed_security_incidents", false, "yes/no"),
        new("discussed_non_majority_concerns", false, "yes/no"),
        new("minutes_kept", false, "yes/no"),
    ]);

    public static readonly ExchangeSchema WorkPlans = new("work_plans",
    [
        MunicipalityColumn,
        new("year", true, "Year the plan covers"),
        new("adopted_on", false, "YYYY-MM-DD; empty if the plan was not adopted"),
        new("addresses_non_majority_concerns", false, "yes/no"),
    ]);

    public static readonly ExchangeSchema Compensation = new("compensation",
    [
        MunicipalityColumn,
        new("year", true, "Year"),
        new("status", true, "paid, partial or none"),
        new("amount_per_meeting_eur", false, "Amount per meeting in euro"),
    ]);

    public static readonly IReadOnlyList<ExchangeSchema> All = [Councils, Members, Meetings, WorkPlans, Compensation];

    /// <summary>
    /// The table a file or sheet holds: the one its name says, or else the one table whose
    /// columns it has (every required one, no other), so that "bad-meetings.csv" still imports.
    /// </summary>
    public static ExchangeSchema? Recognise(string name, IReadOnlyList<string> headers)
    {
        if (Find(name) is { } named) return named;
        var matching = All.Where(schema =>
            schema.Columns.Where(c => c.Required).All(c => headers.Contains(c.Name)) && headers.All(schema.ColumnNames.Contains)).ToList();
        return matching.Count == 1 ? matching[0] : null;
    }

    public static ExchangeSchema? Find(string name) =>
        All.FirstOrDefault(schema => string.Equals(schema.Name, name, StringComparison.OrdinalIgnoreCase));
}
