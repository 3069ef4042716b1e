using System.Globalization;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Core.Rules;
using McscMonitor.Data;
using McscMonitor.Records;
using McscMonitor.Web;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.FollowUp;

/// <summary>
/// A recommendation on a gap of a published year (<c>/api/v1/recommendations</c>), on the shared
/// write path; its text is written in one language or more, a missing one pending translation.
/// </summary>
public sealed class RecommendationRecord : RecordDefinition<Recommendation>
{
    public const int MaxText = 1000;

    private static readonly RecordField<Recommendation> Year = Field<Recommendation>.Year("year", r => r.Year, (r, v) => r.Year = v ?? default);
    private static readonly RecordField<Recommendation> Rule = Field<Recommendation>.Text("rule", r => r.Rule, (r, v) => r.Rule = v ?? "", TextLimits.Cell,
        required: true, type: FieldType.Choice,
        options: () => RuleIds.All.Append(RuleIds.NoMeetingRecords).Select(rule => (rule, PublishedGaps.RuleName(rule, UiTexts.Current.Language))).ToList());
    private static readonly RecordField<Recommendation> TextSq =
        Field<Recommendation>.Text("textSq", r => r.TextSq, (r, v) => r.TextSq = v, MaxText, type: FieldType.LongText);
    private static readonly RecordField<Recommendation> TextSrLatn =
        Field<Recommendation>.Text("textSrLatn", r => r.TextSrLatn, (r, v) => r.TextSrLatn = v, MaxText, type: FieldType.LongText);
    private static readonly RecordField<Recommendation> TextEn =
        Field<Recommendation>.Text("textEn", r => r.TextEn, (r, v) => r.TextEn = v, MaxText, type: FieldType.LongText);
    private static readonly RecordField<Recommendation> Status = Field<Recommendation>.Choice<RecommendationStatus>(
        "status", r => r.Status, (r, v) => r.Status = v ?? default, labels: "recommendationStatus", required: true);

    public override string Path => "recommendations";

    /// <summary>What shows progress on it: a decision taken, a report, a letter.</summary>
    public override bool TakesEvidence => true;

    public override string TextPrefix => "recommendation";

    /// <summary>A recommendation is about a published year, not part of its figures: writing one changes no year.</summary>
    public override bool PartOfTheFigures => false;

    public override IReadOnlyList<RecordField<Recommendation>> RecordFields { get; } =
    [
        Year, Rule, TextSq, TextSrLatn, TextEn,
        Field<Recommendation>.Choice<Institution>("institution", r => r.Institution, (r, v) => r.Institution = v ?? default, labels: "institution", required: true),
        Field<Recommendation>.Date("dueOn", r => r.DueOn, (r, v) => r.DueOn = v),
        Status,
    ];

    /// <summary>The monitored municipality does not certify its own follow-up: its officer adds progress notes, a monitor writes the recommendation and sets its status.</summary>
    public override IReadOnlySet<string> OfficersMayChange { get; } = new HashSet<string>();

    public override Municipalities.PageNotice SavedNotice => Municipalities.PageNotice.RecommendationSaved;

    public override Recommendation Blank() => new() { MunicipalityCode = "", Rule = "" };

    public override IQueryable<Owned<Recommendation>> Rows(McscDbContext db) =>
        db.Recommendations.AsNoTracking().Select(r => new Owned<Recommendation> { Record = r, Municipality = r.MunicipalityCode });

    public override IQueryable<Owned<Recommendation>> InYear(IQueryable<Owned<Recommendation>> rows, int year) => rows.Where(row => row.Record.Year == year);

    public override IOrderedQueryable<Owned<Recommendation>> Order(IQueryable<Owned<Recommendation>> rows) =>
        rows.OrderByDescending(row => row.Record.Year).ThenBy(row => row.Municipality).ThenBy(row => row.Record.Id);

    public override IEnumerable<(FormField, string?)> Rules(Recommendation recommendation, DateOnly today) =>
    [
        (TextSq.Form, recommendation.TextSq is null && recommendation.TextSrLatn is null && recommendation.TextEn is null
            ? Messages.Current["recommendationNoText"]
            : null),
    ];

    /// <summary>A recommendation answers a gap the published sheet named; rules by the names the sheet gives them.</summary>
    public override async Task<Action<Recommendation>?> PlaceAsync(
        Recommendation recommendation, Municipality municipality, McscDbContext db, FieldErrors errors, CancellationToken cancellationToken)
    {
        var gaps = await PublishedGaps.OfAsync(db, municipality.Code, recommendation.Year, cancellationToken);
        if (gaps is null)
        {
            errors.Add(Year.Name, Messages.Format("recommendationNotPublished", ("year", recommendation.Year)));
            return null;
        }
        string Named(string rule) => $"“{PublishedGaps.RuleName(rule, Messages.Current.Language)}”";
        if (!gaps.Contains(recommendation.Rule))
        {
            errors.Add(Rule.Name, Messages.Format("recommendationNoSuchGap",
                ("rule", Named(recommendation.Rule)), ("gaps", gaps.Count == 0 ? "—" : string.Join(", ", gaps.Select(Named)))));
            return null;
        }
        return record => record.MunicipalityCode = municipality.Code;
    }

    /// <summary>Several recommendations may answer one gap.</summary>
    public override Task<string?> TakenAsync(Recommendation recommendation, Municipality municipality, int? id, McscDbContext db, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    /// <summary>The gaps offered are those the published sheet named for the municipality and year, not every rule.</summary>
    public override async Task<IReadOnlyDictionary<string, IReadOnlyList<(string Value, string Label)>>> ChoicesAsync(
        FormValues values, McscDbContext db, CancellationToken cancellationToken)
    {
        if (values.Municipality is not { } municipality || !int.TryParse(values[Year.Name], CultureInfo.InvariantCulture, out var year)
            || await PublishedGaps.OfAsync(db, municipality, year, cancellationToken) is not { } gaps)
            return new Dictionary<string, IReadOnlyList<(string, string)>>();
        var language = UiTexts.Current.Language;
        return new Dictionary<string, IReadOnlyList<(string, string)>> { [Rule.Name] = gaps.Select(rule => (rule, PublishedGaps.RuleName(rule, language))).ToList() };
    }

    public override Dictionary<string, string?> Defaults(int year) => new()
    {
        [Year.Name] = (year - 1).ToString(CultureInfo.InvariantCulture), [Status.Name] = Codes<RecommendationStatus>.ToCode(RecommendationStatus.Open),
    };

    public override int? YearOf(FormValues values) => values.WholeNumber(Year.Name);
}
