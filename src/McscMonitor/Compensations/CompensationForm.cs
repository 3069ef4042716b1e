using System.Globalization;
using McscMonitor.Core.Domain;
using McscMonitor.Records;

namespace McscMonitor.Compensations;

public sealed class CompensationForm() : RecordForm<Compensation, CompensationDto, CompensationInput>(new CompensationKind())
{
    public override string TextPrefix => "compensation";

    public override IReadOnlyList<FormField> Fields { get; } =
    [
        new("year", FieldType.Year, Required: true, Description: "Year"),
        new("status", FieldType.Choice, Required: true, Options: () => CodesOf<CompensationStatus>("compensation"), Description: "paid, partial or none"),
        new("amountPerMeetingEur", FieldType.Amount, Description: "Amount per meeting in euro"),
    ];

    public override Dictionary<string, string?> Defaults(int year) => new() { ["year"] = year.ToString(CultureInfo.InvariantCulture) };

    public override Dictionary<string, string?> ValuesOf(CompensationDto compensation) => new()
    {
        ["year"] = FormValues.Invariant(compensation.Year),
        ["status"] = compensation.Status,
        ["amountPerMeetingEur"] = FormValues.Invariant(compensation.AmountPerMeetingEur),
    };

    public override CompensationInput Read(FormValues values) =>
        new(values.Municipality, values.WholeNumber("year"), values["status"], values.Amount("amountPerMeetingEur"));

    public override int? YearOf(FormValues values) => values.WholeNumber("year");
}
