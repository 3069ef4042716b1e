using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Records;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.FollowUp;

/// <param name="TextSq">Null while the Albanian text is pending translation; likewise the others.</param>
public sealed record RecommendationDto(
    int Id, string Municipality, int Year, string Rule, string? TextSq, string? TextSrLatn, string? TextEn, string Institution,
    DateOnly? DueOn, string Status, long Version);

public sealed record RecommendationInput(
    string? Municipality, int? Year, string? Rule, string? TextSq, string? TextSrLatn, string? TextEn, string? Institution,
    DateOnly? DueOn, string? Status);

/// <summary>Recommendations on the gaps of a published year (<c>/api/v1/recommendations</c>), on the shared write path.</summary>
public sealed class RecommendationKind : RecordKind<Recommendation, RecommendationDto, RecommendationInput>
{
    public const int MaxText = 1000;

    public override string Name => "recommendations";

    /// <summary>The monitored municipality does not certify its own follow-up: its officer adds progress notes, a monitor writes the recommendation and sets its status.</summary>
    public override IReadOnlySet<string> OfficersMayChange { get; } = new HashSet<string>();

    public override Recommendation Blank() => new() { MunicipalityCode = "", Rule = "" };

    public override IQueryable<Owned<Recommendation>> Rows(McscDbContext db) =>
        db.Recommendations.AsNoTracking().Select(r => new Owned<Recommendation> { Record = r, Municipality = r.MunicipalityCode });

    public override IQueryable<Owned<Recommendation>> InYear(IQueryable<Owned<Recommendation>> rows, int year) =>
        rows.Where(row => row.Record.Year == year);

    public override IOrderedQueryable<Owned<Recommendation>> Order(IQueryable<Owned<Recommendation>> rows) =>
        rows.OrderByDescending(row => row.Record.Year).ThenBy(row => row.Municipality).ThenBy(row => row.Record.Id);

    public override RecommendationDto ToDto(Owned<Recommendation> row) => new(
        row.Record.Id, row.Municipality, row.Record.Year, row.Record.Rule, row.Record.TextSq, row.Record.TextSrLatn, row.Record.TextEn,
        Codes.ToCode(row.Record.Institution), row.Record.DueOn, Codes.ToCode(row.Record.Status), row.Record.Version);

    public override async Task<Checked<Recommendation>> CheckAsync(
        RecommendationInput input, McscDbContext db, int? id, DateOnly today, CancellationToken cancellationToken)
    {
        var fields = new FieldErrors();
        var municipality = await fields.MunicipalityAsync(db, input.Municipality, cancellationToken);
        fields.Year("year", input.Year);
        var texts = new[] { ("textSq", input.TextSq), ("textSrLatn", input.TextSrLatn), ("textEn", input.TextEn) };
        foreach (var (field, text) in texts) fields.Text(field, text, MaxText);
        if (texts.All(text => string.IsNullOrWhiteSpace(text.Item2))) fields.Add("textSq", Messages.Current["recommendationNoText"]);
        var institution = fields.Code<Institution>("institution", input.Institution, required: true);
        var status = fields.Code<RecommendationStatus>("status", input.Status, required: true);
        fields.Date("dueOn", input.DueOn, required: false);
        fields.Required("rule", input.Rule);
        if (fields.Errors.Count > 0) return Checked<Recommendation>.Invalid(fields.Errors);

        // A recommendation answers a gap the published sheet named; rules by the names the sheet gives them.
        var gaps = await PublishedGaps.OfAsync(db, municipality!.Code, input.Year!.Value, cancellationToken);
        if (gaps is null)
            return Checked<Recommendation>.Invalid(new() { ["year"] = [Messages.Format("recommendationNotPublished", ("year", input.Year))] });
        string Named(string rule) => $"“{PublishedGaps.RuleName(rule, Messages.Current.Language)}”";
        if (!gaps.Contains(input.Rule!))
            return Checked<Recommendation>.Invalid(new()
            {
                ["rule"] = [Messages.Format("recommendationNoSuchGap",
                ("rule", Named(input.Rule!)), ("gaps", gaps.Count == 0 ? "—" : string.Join(", ", gaps.Select(Named))))]
            });

        return new Checked<Recommendation>([], municipality!.Code, record =>
        {
            record.MunicipalityCode = municipality.Code;
            record.Year = input.Year!.Value;
            record.Rule = input.Rule!;
            record.TextSq = Written(input.TextSq);
            record.TextSrLatn = Written(input.TextSrLatn);
            record.TextEn = Written(input.TextEn);
            record.Institution = institution!.Value;
            record.DueOn = input.DueOn;
            record.Status = status!.Value;
        });
    }

    private static string? Written(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
