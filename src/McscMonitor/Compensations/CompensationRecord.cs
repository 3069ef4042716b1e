using System.Globalization;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Records;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Compensations;

/// <summary>Compensation of council members (<c>/api/v1/compensation</c>, the compensation table): one per municipality and year.</summary>
public sealed class CompensationRecord : RecordDefinition<Compensation>
{
    private static readonly RecordField<Compensation> Year =
        Field<Compensation>.Year("year", c => c.Year, (c, v) => c.Year = v ?? default, "Year") with { Key = true };

    public override string Path => "compensation";

    public override bool TakesEvidence => true;

    public override string TextPrefix => "compensation";

    public override IReadOnlyList<RecordField<Compensation>> RecordFields { get; } =
    [
        Year,
        Field<Compensation>.Choice<CompensationStatus>("status", c => c.Status, (c, v) => c.Status = v ?? default, labels: "compensation", required: true,
            description: "paid, partial or none"),
        Field<Compensation>.Amount("amountPerMeetingEur", c => c.AmountPerMeetingEur, (c, v) => c.AmountPerMeetingEur = v, "Amount per meeting in euro"),
    ];

    public override Compensation Blank() => new() { MunicipalityCode = "" };

    public override IQueryable<Owned<Compensation>> Rows(McscDbContext db) =>
        db.Compensation.AsNoTracking().Select(record => new Owned<Compensation> { Record = record, Municipality = record.MunicipalityCode });

    public override IQueryable<Owned<Compensation>> InYear(IQueryable<Owned<Compensation>> rows, int year) => rows.Where(row => row.Record.Year == year);

    public override IOrderedQueryable<Owned<Compensation>> Order(IQueryable<Owned<Compensation>> rows) =>
        rows.OrderByDescending(row => row.Record.Year).ThenBy(row => row.Municipality);

    /// <summary>Compensation is of council members: only for a year in which the council existed.</summary>
    public override async Task<Action<Compensation>?> PlaceAsync(
        Compensation compensation, Municipality municipality, McscDbContext db, FieldErrors errors, CancellationToken cancellationToken)
    {
        await CouncilAsync(db, municipality, errors, Year.Name,
            council => RecordRules.NoCouncilIn(municipality.NameSq, compensation.Year, council?.EstablishedOn, council?.DissolvedOn), cancellationToken);
        return record => record.MunicipalityCode = municipality.Code;
    }

    public override async Task<string?> TakenAsync(
        Compensation compensation, Municipality municipality, int? id, McscDbContext db, CancellationToken cancellationToken) =>
        await db.Compensation.AnyAsync(c => c.Id != id && c.MunicipalityCode == municipality.Code && c.Year == compensation.Year, cancellationToken)
            ? Messages.Format("compensationTaken", ("name", municipality.NameSq), ("year", compensation.Year))
            : null;

    public override Dictionary<string, string?> Defaults(int year) => new() { [Year.Name] = year.ToString(CultureInfo.InvariantCulture) };

    public override int? YearOf(FormValues values) => values.WholeNumber(Year.Name);
}
