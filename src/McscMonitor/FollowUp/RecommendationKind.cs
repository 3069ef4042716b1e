using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Records;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.FollowUp;

public sealed record RecommendationDto(
    int Id, string Municipality, int Year, string Rule, string TextSq, string TextSrLatn, string TextEn, string Institution,
    DateOnly? DueOn, string Status, string? Progress, long Version);

public sealed record RecommendationInput(
    string? Municipality, int? Year, string? Rule, string? TextSq, string? TextSrLatn, string? TextEn, string? Institution,
    DateOnly? DueOn, string? Status, string? Progress);

/// <summary>Recommendations on the gaps of a published year (<c>/api/v1/recommendations</c>), on the shared write path.</summary>
public sealed class RecommendationKind : RecordKind<Recommendation, RecommendationDto, RecommendationInput>
{
    public const int MaxText = 1000;
    public const int MaxProgress = 4000;

    public override string Name => "recommendations";

    /// <summary>The monitored municipality does not certify its own follow-up: its officer proposes progress notes, a monitor sets the status.</summary>
    public override IReadOnlySet<string> OfficersMayChange { get; } = new HashSet<string> { nameof(Recommendation.Progress) };

    public override Recommendation Blank() => new() { MunicipalityCode = "", Rule = "", TextSq = "", TextSrLatn = "", TextEn = "" };

    public override IQueryable<Owned<Recommendation>> Rows(McscDbContext db) =>
        db.Recommendations.AsNoTracking().Select(r => new Owned<Recommendation> { Record = r, Municipality = r.MunicipalityCode });

    public override IQueryable<Owned<Recommendation>> InYear(IQueryable<Owned<Recommendation>> rows, int year) =>
        rows.Where(row => row.Record.Year == year);

    public override IOrderedQueryable<Owned<Recommendation>> Order(IQueryable<Owned<Recommendation>> rows) =>
        rows.OrderByDescending(row => row.Record.Year).ThenBy(row => row.Municipality).ThenBy(row => row.Record.Id);

    public override RecommendationDto ToDto(Owned<Recommendation> row) => new(
        row.Record.Id, row.Municipality, row.Record.Year, row.Record.Rule, row.Record.TextSq, row.Record.TextSrLatn, row.Record.TextEn,
        Codes.ToCode(row.Record.Institution), row.Record.DueOn, Codes.ToCode(row.Record.Status), row.Record.Progress, row.Record.Version);

    public override async Task<Checked<Recommendation>> CheckAsync(
        RecommendationInput input, McscDbContext db, int? id, DateOnly today, CancellationToken cancellationToken)
    {
        var fields = new FieldErrors();
        var municipality = await fields.MunicipalityAsync(db, input.Municipality, cancellationToken);
        fields.Year("year", input.Year);
        foreach (var (field, text) in new[] { ("textSq", input.TextSq), ("textSrLatn", input.TextSrLatn), ("textEn", input.TextEn) })
        {
            fields.Required(field, text);
            fields.Text(field, text, MaxText);
        }
        fields.Text("progress", input.Progress?.Replace("\r", "").Replace('\n', ' '), MaxProgress);
        var institution = fields.Code<Institution>("institution", input.Institution, required: true);
        var status = fields.Code<RecommendationStatus>("status", input.Status, required: true);
        fields.Date("dueOn", input.DueOn, required: false);
        fields.Required("rule", input.Rule);
        if (fields.Errors.Count > 0) return Checked<Recommendation>.Invalid(fields.Errors);

        // Rules by the names the sheet gives them in the reader's language, not their ids.
        static string RuleName(string rule) => FactSheet.FactSheetTexts.For(Messages.Current.Language) is var texts && texts.Keys.Contains($"rule.{rule}")
            ? $"“{texts[$"rule.{rule}"]}”" : $"“{rule}”";

        // A recommendation answers a gap the published sheet named.
        var published = await db.Publications.AsNoTracking().Where(p => p.Year == input.Year).OrderByDescending(p => p.Number)
            .SelectMany(p => p.Files.Where(f => f.Language == "en" && f.Name == "indicators.json")).FirstOrDefaultAsync(cancellationToken);
        if (published is null)
            return Checked<Recommendation>.Invalid(new() { ["year"] = [Messages.Format("recommendationNotPublished", ("year", input.Year))] });
        var gaps = System.Text.Json.Nodes.JsonNode.Parse(published.Content)!["municipalities"]!.AsArray()
            .Single(m => m!["code"]!.GetValue<string>() == municipality!.Code)!["gaps"]!.AsArray()
            .Select(g => g!["rule"]!.GetValue<string>()).ToList();
        if (!gaps.Contains(input.Rule!))
            return Checked<Recommendation>.Invalid(new()
            {
                ["rule"] = [Messages.Format("recommendationNoSuchGap",
                ("rule", RuleName(input.Rule!)), ("gaps", gaps.Count == 0 ? "—" : string.Join(", ", gaps.Select(RuleName))))]
            });

        return new Checked<Recommendation>([], municipality!.Code, record =>
        {
            record.MunicipalityCode = municipality.Code;
            record.Year = input.Year!.Value;
            record.Rule = input.Rule!;
            record.TextSq = input.TextSq!.Trim();
            record.TextSrLatn = input.TextSrLatn!.Trim();
            record.TextEn = input.TextEn!.Trim();
            record.Institution = institution!.Value;
            record.DueOn = input.DueOn;
            record.Status = status!.Value;
            record.Progress = string.IsNullOrWhiteSpace(input.Progress) ? null : input.Progress.Trim();
        });
    }
}
