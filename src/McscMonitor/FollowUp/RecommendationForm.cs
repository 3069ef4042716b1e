using System.Globalization;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Rules;
using McscMonitor.Records;

namespace McscMonitor.FollowUp;

public sealed class RecommendationForm() : RecordForm<Recommendation, RecommendationDto, RecommendationInput>(new RecommendationKind())
{
    public override string TextPrefix => "recommendation";

    public override string SavedNotice => "recommendationSaved";

    public override IReadOnlyList<FormField> Fields { get; } =
    [
        new("year", FieldType.Year, Required: true),
        new("rule", FieldType.Choice, Required: true, Options: () =>
            RuleIds.All.Append(RuleIds.NoMeetingRecords).Select(rule => (rule, PublishedGaps.RuleName(rule, Web.UiTexts.Current.Language))).ToList()),
        new("textSq", FieldType.LongText),
        new("textSrLatn", FieldType.LongText),
        new("textEn", FieldType.LongText),
        new("institution", FieldType.Choice, Required: true, Options: () => CodesOf<Institution>("institution")),
        new("dueOn", FieldType.Date),
        new("status", FieldType.Choice, Required: true, Options: () => CodesOf<RecommendationStatus>("recommendationStatus")),
    ];

    /// <summary>The gaps offered are those the published sheet named for the municipality and year, not every rule.</summary>
    public override async Task<IReadOnlyDictionary<string, IReadOnlyList<(string Value, string Label)>>> ChoicesAsync(
        FormValues values, Data.McscDbContext db, CancellationToken cancellationToken)
    {
        if (values.Municipality is not { } municipality || !int.TryParse(values["year"], System.Globalization.CultureInfo.InvariantCulture, out var year)
            || await PublishedGaps.OfAsync(db, municipality, year, cancellationToken) is not { } gaps)
            return new Dictionary<string, IReadOnlyList<(string, string)>>();
        var language = Web.UiTexts.Current.Language;
        return new Dictionary<string, IReadOnlyList<(string, string)>> { ["rule"] = gaps.Select(rule => (rule, PublishedGaps.RuleName(rule, language))).ToList() };
    }

    public override Dictionary<string, string?> Defaults(int year) => new()
    {
        ["year"] = (year - 1).ToString(CultureInfo.InvariantCulture), ["status"] = Codes<RecommendationStatus>.ToCode(RecommendationStatus.Open),
    };

    public override Dictionary<string, string?> ValuesOf(RecommendationDto r) => new()
    {
        ["year"] = FormValues.Invariant(r.Year), ["rule"] = r.Rule, ["textSq"] = r.TextSq, ["textSrLatn"] = r.TextSrLatn, ["textEn"] = r.TextEn,
        ["institution"] = r.Institution, ["dueOn"] = IsoDate.Text(r.DueOn), ["status"] = r.Status,
    };

    public override RecommendationInput Read(FormValues values) => new(
        values.Municipality, values.WholeNumber("year"), values["rule"], values["textSq"], values["textSrLatn"], values["textEn"],
        values["institution"], values.Date("dueOn"), values["status"]);

    public override int? YearOf(FormValues values) => values.WholeNumber("year");
}
