using System.Globalization;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Rules;
using McscMonitor.Records;

namespace McscMonitor.FollowUp;

public sealed class RecommendationForm() : RecordForm<Recommendation, RecommendationDto, RecommendationInput>(new RecommendationKind())
{
    public override string TextPrefix => "recommendation";

    public override IReadOnlyList<FormField> Fields { get; } =
    [
        new("year", FieldType.Year, Required: true),
        new("rule", FieldType.Choice, Required: true, Options: () =>
            RuleIds.All.Append(RuleIds.NoMeetingRecords).Select(rule => (rule, FactSheet.FactSheetTexts.For(Web.UiTexts.Current.Language)[$"rule.{rule}"])).ToList()),
        new("textSq", FieldType.Text, Required: true),
        new("textSrLatn", FieldType.Text, Required: true),
        new("textEn", FieldType.Text, Required: true),
        new("institution", FieldType.Choice, Required: true, Options: () => CodesOf<Institution>("institution")),
        new("dueOn", FieldType.Date),
        new("status", FieldType.Choice, Required: true, Options: () => CodesOf<RecommendationStatus>("recommendationStatus")),
        new("progress", FieldType.Text),
    ];

    public override Dictionary<string, string?> Defaults(int year) => new()
    {
        ["year"] = (year - 1).ToString(CultureInfo.InvariantCulture), ["status"] = Codes<RecommendationStatus>.ToCode(RecommendationStatus.Open),
    };

    public override Dictionary<string, string?> ValuesOf(RecommendationDto r) => new()
    {
        ["year"] = FormValues.Invariant(r.Year), ["rule"] = r.Rule, ["textSq"] = r.TextSq, ["textSrLatn"] = r.TextSrLatn, ["textEn"] = r.TextEn,
        ["institution"] = r.Institution, ["dueOn"] = IsoDate.Text(r.DueOn), ["status"] = r.Status, ["progress"] = r.Progress,
    };

    public override RecommendationInput Read(FormValues values) => new(
        values.Municipality, values.WholeNumber("year"), values["rule"], values["textSq"], values["textSrLatn"], values["textEn"],
        values["institution"], values.Date("dueOn"), values["status"], values["progress"]);

    public override int? YearOf(FormValues values) => values.WholeNumber("year");
}
