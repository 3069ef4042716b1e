using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Records;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Councils;

/// <summary>A municipality's council (<c>/api/v1/councils</c>, the councils table): one per municipality, its key.</summary>
public sealed class CouncilRecord : RecordDefinition<Council>
{
    private static readonly RecordField<Council> EstablishedOn = Field<Council>.Date("establishedOn", c => c.EstablishedOn, (c, v) => c.EstablishedOn = v ?? default,
        required: true, description: "Date the assembly established the council (YYYY-MM-DD)");
    private static readonly RecordField<Council> DissolvedOn = Field<Council>.Date("dissolvedOn", c => c.DissolvedOn, (c, v) => c.DissolvedOn = v,
        description: "Date the council was dissolved, if it was");

    public override string Path => "councils";

    public override bool TakesEvidence => true;

    public override string TextPrefix => "council";

    public override IReadOnlyList<RecordField<Council>> RecordFields { get; } =
    [
        EstablishedOn,
        Field<Council>.Text("assemblyDecision", c => c.AssemblyDecision, (c, v) => c.AssemblyDecision = v, TextLimits.AssemblyDecision,
            description: "Reference of the assembly decision"),
        DissolvedOn,
    ];

    public override Council Blank() => new() { MunicipalityCode = "" };

    public override IQueryable<Owned<Council>> Rows(McscDbContext db) =>
        db.Councils.AsNoTracking().Select(council => new Owned<Council> { Record = council, Municipality = council.MunicipalityCode });

    public override IQueryable<Owned<Council>> InYear(IQueryable<Owned<Council>> rows, int year) =>
        rows.Where(row => row.Record.EstablishedOn <= new DateOnly(year, 12, 31)
                          && (row.Record.DissolvedOn == null || row.Record.DissolvedOn >= new DateOnly(year, 1, 1)));

    public override IOrderedQueryable<Owned<Council>> Order(IQueryable<Owned<Council>> rows) => rows.OrderBy(row => row.Municipality);

    public override IEnumerable<(FormField, string?)> Rules(Council council, DateOnly today) =>
    [
        (DissolvedOn.Form, council.DissolvedOn < council.EstablishedOn
            ? Messages.Format("dissolvedBeforeEstablished", ("dissolved", IsoDate.Text(council.DissolvedOn)), ("established", IsoDate.Text(council.EstablishedOn)))
            : null),
    ];

    public override Task<Action<Council>?> PlaceAsync(
        Council council, Municipality municipality, McscDbContext db, FieldErrors errors, CancellationToken cancellationToken) =>
        Task.FromResult<Action<Council>?>(record => record.MunicipalityCode = municipality.Code);

    public override async Task<string?> TakenAsync(Council council, Municipality municipality, int? id, McscDbContext db, CancellationToken cancellationToken) =>
        await db.Councils.AnyAsync(c => c.Id != id && c.MunicipalityCode == municipality.Code, cancellationToken)
            ? Messages.Format("councilTaken", ("name", municipality.NameSq))
            : null;

    /// <summary>A council's members, meetings and work plans go first, each deletion audited, so nothing disappears unseen.</summary>
    public override async Task<string?> DeleteBlockedAsync(Council council, McscDbContext db, CancellationToken cancellationToken) =>
        await db.Members.AnyAsync(m => m.CouncilId == council.Id, cancellationToken)
        || await db.Meetings.AnyAsync(m => m.CouncilId == council.Id, cancellationToken)
        || await db.WorkPlans.AnyAsync(w => w.CouncilId == council.Id, cancellationToken)
            ? Messages.Current["councilNotEmpty"]
            : null;

    /// <summary>A council spans years: return to the year shown most recently.</summary>
    public override int? YearOf(FormValues values) => null;
}
