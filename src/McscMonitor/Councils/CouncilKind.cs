using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Records;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Councils;

public sealed record CouncilDto(int Id, string Municipality, DateOnly EstablishedOn, string? AssemblyDecision, DateOnly? DissolvedOn, long Version);

public sealed record CouncilInput(string? Municipality, DateOnly? EstablishedOn, string? AssemblyDecision, DateOnly? DissolvedOn);

/// <summary>Councils over REST (<c>/api/v1/councils</c>): one per municipality.</summary>
public sealed class CouncilKind : RecordKind<Council, CouncilDto, CouncilInput>
{
    public override string Name => "councils";

    public override Council Blank() => new() { MunicipalityCode = "" };

    public override IQueryable<Owned<Council>> Rows(McscDbContext db) =>
        db.Councils.AsNoTracking().Select(council => new Owned<Council> { Record = council, Municipality = council.MunicipalityCode });

    public override IQueryable<Owned<Council>> InYear(IQueryable<Owned<Council>> rows, int year) =>
        rows.Where(row => row.Record.EstablishedOn <= new DateOnly(year, 12, 31)
                          && (row.Record.DissolvedOn == null || row.Record.DissolvedOn >= new DateOnly(year, 1, 1)));

    public override IOrderedQueryable<Owned<Council>> Order(IQueryable<Owned<Council>> rows) => rows.OrderBy(row => row.Municipality);

    public override CouncilDto ToDto(Owned<Council> row) => new(
        row.Record.Id, row.Municipality, row.Record.EstablishedOn, row.Record.AssemblyDecision, row.Record.DissolvedOn, row.Record.Version);

    public override async Task<Checked<Council>> CheckAsync(CouncilInput input, McscDbContext db, int? id, DateOnly today, CancellationToken cancellationToken)
    {
        var fields = new FieldErrors();
        var municipality = await fields.MunicipalityAsync(db, input.Municipality, cancellationToken);
        fields.Date("establishedOn", input.EstablishedOn, required: true);
        fields.Text("assemblyDecision", input.AssemblyDecision, TextLimits.AssemblyDecision);
        fields.Date("dissolvedOn", input.DissolvedOn, required: false);
        if (input.DissolvedOn < input.EstablishedOn)
            fields.Add("dissolvedOn", Messages.Format("dissolvedBeforeEstablished", ("dissolved", IsoDate.Text(input.DissolvedOn)), ("established", IsoDate.Text(input.EstablishedOn))));
        if (fields.Errors.Count > 0) return Checked<Council>.Invalid(fields.Errors);

        var taken = await db.Councils.AnyAsync(c => c.Id != id && c.MunicipalityCode == municipality!.Code, cancellationToken);
        return new Checked<Council>([], municipality!.Code, council =>
        {
            council.MunicipalityCode = municipality.Code;
            council.EstablishedOn = input.EstablishedOn!.Value;
            council.AssemblyDecision = string.IsNullOrWhiteSpace(input.AssemblyDecision) ? null : input.AssemblyDecision.Trim();
            council.DissolvedOn = input.DissolvedOn;
        }, taken ? Messages.Format("councilTaken", ("name", municipality.NameSq)) : null);
    }

    /// <summary>A council's members, meetings and work plans go first, each deletion audited, so nothing disappears unseen.</summary>
    public override async Task<string?> DeleteBlockedAsync(Council council, McscDbContext db, CancellationToken cancellationToken) =>
        await db.Members.AnyAsync(m => m.CouncilId == council.Id, cancellationToken)
        || await db.Meetings.AnyAsync(m => m.CouncilId == council.Id, cancellationToken)
        || await db.WorkPlans.AnyAsync(w => w.CouncilId == council.Id, cancellationToken)
            ? Messages.Current["councilNotEmpty"]
            : null;
}
