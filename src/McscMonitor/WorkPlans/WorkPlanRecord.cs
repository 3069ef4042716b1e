using System.Globalization;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Records;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.WorkPlans;

/// <summary>A council's work plan (<c>/api/v1/work-plans</c>, the work_plans table): one per council and year; no adoption date means not adopted.</summary>
public sealed class WorkPlanRecord : RecordDefinition<WorkPlan>
{
    private static readonly RecordField<WorkPlan> Year =
        Field<WorkPlan>.Year("year", w => w.Year, (w, v) => w.Year = v ?? default, "Year the plan covers") with { Key = true };
    private static readonly RecordField<WorkPlan> AdoptedOn = Field<WorkPlan>.Date("adoptedOn", w => w.AdoptedOn, (w, v) => w.AdoptedOn = v,
        description: "YYYY-MM-DD; empty if the plan was not adopted");
    private static readonly RecordField<WorkPlan> Addresses = Field<WorkPlan>.Answer("addressesNonMajorityConcerns",
        w => w.AddressesNonMajorityConcerns, (w, v) => w.AddressesNonMajorityConcerns = v);

    public override string Path => "work-plans";

    public override bool TakesEvidence => true;

    public override string TextPrefix => "workPlan";

    public override IReadOnlyList<RecordField<WorkPlan>> RecordFields { get; } = [Year, AdoptedOn, Addresses];

    public override WorkPlan Blank() => new();

    public override IQueryable<Owned<WorkPlan>> Rows(McscDbContext db) =>
        db.WorkPlans.AsNoTracking().Join(db.Councils, plan => plan.CouncilId, council => council.Id,
            (plan, council) => new Owned<WorkPlan> { Record = plan, Municipality = council.MunicipalityCode });

    public override IQueryable<Owned<WorkPlan>> InYear(IQueryable<Owned<WorkPlan>> rows, int year) => rows.Where(row => row.Record.Year == year);

    public override IOrderedQueryable<Owned<WorkPlan>> Order(IQueryable<Owned<WorkPlan>> rows) =>
        rows.OrderByDescending(row => row.Record.Year).ThenBy(row => row.Municipality);

    public override IEnumerable<(FormField, string?)> Rules(WorkPlan plan, DateOnly today) =>
    [
        (AdoptedOn.Form, RecordRules.AfterToday(plan.AdoptedOn, today)),
        (Addresses.Form, RecordRules.AddressesRequired(plan.AdoptedOn, plan.AddressesNonMajorityConcerns)),
    ];

    public override async Task<Action<WorkPlan>?> PlaceAsync(
        WorkPlan plan, Municipality municipality, McscDbContext db, FieldErrors errors, CancellationToken cancellationToken)
    {
        var council = await CouncilAsync(db, municipality, errors, Year.Name,
            council => RecordRules.NoCouncilIn(municipality.NameSq, plan.Year, council?.EstablishedOn, council?.DissolvedOn), cancellationToken);
        return council is null ? null : record => record.CouncilId = council.Id;
    }

    public override async Task<string?> TakenAsync(WorkPlan plan, Municipality municipality, int? id, McscDbContext db, CancellationToken cancellationToken) =>
        await db.WorkPlans.AnyAsync(w => w.Id != id && w.CouncilId == plan.CouncilId && w.Year == plan.Year, cancellationToken)
            ? Messages.Format("workPlanTaken", ("name", municipality.NameSq), ("year", plan.Year))
            : null;

    public override Dictionary<string, string?> Defaults(int year) => new() { [Year.Name] = year.ToString(CultureInfo.InvariantCulture) };

    public override int? YearOf(FormValues values) => values.WholeNumber(Year.Name);
}
