using System.Globalization;
using McscMonitor.Core.Domain;
using McscMonitor.Records;

namespace McscMonitor.WorkPlans;

public sealed class WorkPlanForm() : RecordForm<WorkPlan, WorkPlanDto, WorkPlanInput>(new WorkPlanKind())
{
    public override string TextPrefix => "workPlan";

    public override IReadOnlyList<FormField> Fields { get; } =
    [
        new("year", FieldType.Year, Required: true, Description: "Year the plan covers"),
        new("adoptedOn", FieldType.Date, Description: "YYYY-MM-DD; empty if the plan was not adopted"),
        new("addressesNonMajorityConcerns", FieldType.Answer, Description: "yes/no"),
    ];

    public override Dictionary<string, string?> Defaults(int year) => new() { ["year"] = year.ToString(CultureInfo.InvariantCulture) };

    public override Dictionary<string, string?> ValuesOf(WorkPlanDto plan) => new()
    {
        ["year"] = FormValues.Invariant(plan.Year),
        ["adoptedOn"] = IsoDate.Text(plan.AdoptedOn),
        ["addressesNonMajorityConcerns"] = FormValues.Answer(plan.AddressesNonMajorityConcerns),
    };

    public override WorkPlanInput Read(FormValues values) =>
        new(values.Municipality, values.WholeNumber("year"), values.Date("adoptedOn"), values.Answer("addressesNonMajorityConcerns"));

    public override int? YearOf(FormValues values) => values.WholeNumber("year");
}
