namespace McscMonitor.Import;

public sealed record ExchangeColumn(string Name, bool Required, string Description);

public sealed record ExchangeSchema(string Name, IReadOnlyList<ExchangeColumn> Columns)
{
    public string FileName => $"{Name}.csv";
    public IEnumerable<string> ColumnNames => Columns.Select(column => column.Name);
}

/// <summary>
/// The exchange format of the design (§5): one table per file or sheet, natural keys first. Its
/// columns are the record types' fields (<see cref="Records.RecordDefinitions"/>), so a field is
/// declared once for the form, the API, the import, the export and the template.
/// </summary>
public static class ExchangeFormat
{
    private static readonly ExchangeColumn MunicipalityColumn =
        new("municipality", true, "Code or any official name, in any language or script");

    /// <summary>A table's columns: the municipality, then the record type's fields as it declares them.</summary>
    private static ExchangeSchema Schema(string name, Records.IRecordDefinition definition) =>
        new(name, [MunicipalityColumn, .. definition.Fields.Select(field => new ExchangeColumn(field.Column, field.Required, field.Description))]);

    public static readonly ExchangeSchema Councils = Schema("councils", Records.RecordDefinitions.Councils);
    public static readonly ExchangeSchema Members = Schema("members", Records.RecordDefinitions.Members);
    public static readonly ExchangeSchema Meetings = Schema("meetings", Records.RecordDefinitions.Meetings);
    public static readonly ExchangeSchema WorkPlans = Schema("work_plans", Records.RecordDefinitions.WorkPlans);
    public static readonly ExchangeSchema Compensation = Schema("compensation", Records.RecordDefinitions.Compensation);

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
