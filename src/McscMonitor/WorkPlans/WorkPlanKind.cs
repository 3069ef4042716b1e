using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Records;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.WorkPlans;

public sealed record WorkPlanDto(int Id, string Municipality, int Year, DateOnly? AdoptedOn, bool? AddressesNonMajorityConcerns, long Version);

public sealed record WorkPlanInput(string? Municipality, int? Year, DateOnly? AdoptedOn, bool? AddressesNonMajorityConcerns);

/// <summary>Work plans over REST (<c>/api/v1/work-plans</c>): one per council and year; no adoption date means not adopted.</summary>
public sealed class WorkPlanKind : RecordKind<WorkPlan, WorkPlanDto, WorkPlanInput>
{
    public override string Name => "work-plans";

    public override WorkPlan Blank() => new();

    public override IQueryable<Owned<WorkPlan>> Rows(McscDbContext db) =>
        db.WorkPlans.AsNoTracking().Join(db.Councils, plan => plan.CouncilId, council => council.Id,
            (plan, council) => new Owned<WorkPlan> { Record = plan, Municipality = council.MunicipalityCode });

    public override IQueryable<Owned<WorkPlan>> InYear(IQueryable<Owned<WorkPlan>> rows, int year) =>
        rows.Where(row => row.Record.Year == year);

    public override IOrderedQueryable<Owned<WorkPlan>> Order(IQueryable<Owned<WorkPlan>> rows) =>
        rows.OrderByDescending(row => row.Record.Year).ThenBy(row => row.Municipality);

    public override WorkPlanDto ToDto(Owned<WorkPlan> row) => new(
        row.Record.Id, row.Municipality, row.Record.Year, row.Record.AdoptedOn, row.Record.AddressesNonMajorityConcerns, row.Record.Version);

    public override async Task<Checked<WorkPlan>> CheckAsync(WorkPlanInput input, McscDbContext db, int? id, DateOnly today, CancellationToken cancellationToken)
    {
        var fields = new FieldErrors();
        var municipality = await fields.MunicipalityAsync(db, input.Municipality, cancellationToken);
        fields.Year("year", input.Year);
        fields.Date("adoptedOn", input.AdoptedOn, required: false);
        fields.Add("adoptedOn", RecordRules.AfterToday(input.AdoptedOn, today));
        fields.Add("addressesNonMajorityConcerns", RecordRules.AddressesRequired(input.AdoptedOn, input.AddressesNonMajorityConcerns));
        var council = municipality is null ? null
            : await db.Councils.AsNoTracking().FirstOrDefaultAsync(c => c.MunicipalityCode == municipality.Code, cancellationToken);
        if (municipality is not null && input.Year is { } year)
            fields.Add(council is null ? "municipality" : "year", RecordRules.NoCouncilIn(municipality.NameSq, year, council?.EstablishedOn, council?.DissolvedOn));
        if (fields.Errors.Count > 0) return Checked<WorkPlan>.Invalid(fields.Errors);

        var taken = await db.WorkPlans.AnyAsync(w => w.Id != id && w.CouncilId == council!.Id && w.Year == input.Year, cancellationToken);
        return new Checked<WorkPlan>([], municipality!.Code, plan =>
        {
            plan.CouncilId = council!.Id;
            plan.Year = input.Year!.Value;
            plan.AdoptedOn = input.AdoptedOn;
            plan.AddressesNonMajorityConcerns = input.AddressesNonMajorityConcerns;
        }, taken ? Messages.Format("workPlanTaken", ("name", municipality.NameSq), ("year", input.Year)) : null);
    }
}
