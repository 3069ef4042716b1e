using McscMonitor.Core.Domain;
using McscMonitor.Records;

namespace McscMonitor.Councils;

public sealed class CouncilForm() : RecordForm<Council, CouncilDto, CouncilInput>(new CouncilKind())
{
    public override string TextPrefix => "council";

    public override IReadOnlyList<FormField> Fields { get; } =
    [
        new("establishedOn", FieldType.Date, Required: true, Description: "Date the assembly established the council (YYYY-MM-DD)"),
        new("assemblyDecision", FieldType.Text, Description: "Reference of the assembly decision"),
        new("dissolvedOn", FieldType.Date, Description: "Date the council was dissolved, if it was"),
    ];

    public override Dictionary<string, string?> ValuesOf(CouncilDto council) => new()
    {
        ["establishedOn"] = IsoDate.Text(council.EstablishedOn),
        ["assemblyDecision"] = council.AssemblyDecision,
        ["dissolvedOn"] = IsoDate.Text(council.DissolvedOn),
    };

    public override CouncilInput Read(FormValues values) =>
        new(values.Municipality, values.Date("establishedOn"), values["assemblyDecision"], values.Date("dissolvedOn"));

    /// <summary>A council spans years: return to the year shown most recently.</summary>
    public override int? YearOf(FormValues values) => null;
}
