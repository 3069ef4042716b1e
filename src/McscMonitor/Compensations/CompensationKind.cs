using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Records;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Compensations;

public sealed record CompensationDto(int Id, string Municipality, int Year, string Status, decimal? AmountPerMeetingEur, long Version);

public sealed record CompensationInput(string? Municipality, int? Year, string? Status, decimal? AmountPerMeetingEur);

/// <summary>Compensation of council members over REST (<c>/api/v1/compensation</c>): one per municipality and year.</summary>
public sealed class CompensationKind : RecordKind<Compensation, CompensationDto, CompensationInput>
{
    public override string Name => "compensation";

    public override Compensation Blank() => new() { MunicipalityCode = "" };

    public override IQueryable<Owned<Compensation>> Rows(McscDbContext db) =>
        db.Compensation.AsNoTracking().Select(record => new Owned<Compensation> { Record = record, Municipality = record.MunicipalityCode });

    public override IQueryable<Owned<Compensation>> InYear(IQueryable<Owned<Compensation>> rows, int year) =>
        rows.Where(row => row.Record.Year == year);

    public override IOrderedQueryable<Owned<Compensation>> Order(IQueryable<Owned<Compensation>> rows) =>
        rows.OrderByDescending(row => row.Record.Year).ThenBy(row => row.Municipality);

    public override CompensationDto ToDto(Owned<Compensation> row) => new(
        row.Record.Id, row.Municipality, row.Record.Year, Codes.ToCode(row.Record.Status), row.Record.AmountPerMeetingEur, row.Record.Version);

    public override async Task<Checked<Compensation>> CheckAsync(CompensationInput input, McscDbContext db, int? id, DateOnly today, CancellationToken cancellationToken)
    {
        var fields = new FieldErrors();
        var municipality = await fields.MunicipalityAsync(db, input.Municipality, cancellationToken);
        fields.Year("year", input.Year);
        var status = fields.Code<CompensationStatus>("status", input.Status, required: true);
        if (input.AmountPerMeetingEur < 0) fields.Add("amountPerMeetingEur", Messages.Format("negativeAmount", ("amount", input.AmountPerMeetingEur)));
        // Compensation is of council members: only for a year in which the council existed.
        if (municipality is not null && input.Year is { } year)
        {
            var council = await db.Councils.AsNoTracking().FirstOrDefaultAsync(c => c.MunicipalityCode == municipality.Code, cancellationToken);
            fields.Add(council is null ? "municipality" : "year", RecordRules.NoCouncilIn(municipality.NameSq, year, council?.EstablishedOn, council?.DissolvedOn));
        }
        if (fields.Errors.Count > 0) return Checked<Compensation>.Invalid(fields.Errors);

        var taken = await db.Compensation.AnyAsync(c => c.Id != id && c.MunicipalityCode == municipality!.Code && c.Year == input.Year, cancellationToken);
        return new Checked<Compensation>([], municipality!.Code, record =>
        {
            record.MunicipalityCode = municipality.Code;
            record.Year = input.Year!.Value;
            record.Status = status!.Value;
            record.AmountPerMeetingEur = input.AmountPerMeetingEur;
        }, taken ? Messages.Format("compensationTaken", ("name", municipality.NameSq), ("year", input.Year)) : null);
    }
}
