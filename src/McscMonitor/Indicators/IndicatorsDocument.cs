using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Indicators;

namespace McscMonitor.Indicators;

public sealed record SummaryDocument(
    int Municipalities,
    int CouncilsEstablished,
    int CouncilsWithMeetingRecords,
    int CouncilsMeetingRequiredMinimum,
    int MeetingsHeld,
    int MeetingsDiscussingSecurityOrNonMajority,
    int WorkPlansAddressingNonMajority,
    int MunicipalitiesCompensatingMembers,
    int MunicipalitiesCompensatingPartially)
{
    /// <summary>
    /// The summary of some municipalities only (a region), from their rows as published; it
    /// counts as the engine's summary does, which a test holds it to for whole years.
    /// </summary>
    public static SummaryDocument Of(IReadOnlyCollection<MunicipalityDocument> municipalities) => new(
        municipalities.Count,
        municipalities.Count(m => m.CouncilEstablished),
        municipalities.Count(m => m.CouncilEstablished && m.MeetingsHeld is not null),
        municipalities.Count(m => m.MeetsRequiredMinimum == true),
        municipalities.Sum(m => m.MeetingsHeld ?? 0),
        municipalities.Sum(m => m.MeetingsDiscussingSecurityOrNonMajority ?? 0),
        municipalities.Count(m => m.WorkPlanAddressesNonMajority == true),
        municipalities.Count(m => m.CompensatesMembers == true),
        municipalities.Count(m => m.Compensation == Codes.ToCode(CompensationStatus.Partial)));
}

/// <param name="NonMajority">Null when withheld in a public output; <paramref name="WithheldBelow"/> then says it is between 1 and that number minus one.</param>
/// <param name="CommunitiesWithheld">Every community figure is withheld (a council of fewer members than the disclosure minimum, or withheld in an earlier version).</param>
/// <param name="CommunitiesLeftOut">Communities with too few members to show are left out of <paramref name="Communities"/>.</param>
public sealed record MembersDocument(
    int Total, int Women, int? NonMajority, IReadOnlyList<string> Communities, int? WithheldBelow, bool CommunitiesWithheld = false, bool CommunitiesLeftOut = false);

/// <param name="Kind">requirement (an obligation of the instructions) or benchmark (the monitor's measure of an aim they state).</param>
/// <param name="Provision">The article or paragraph, where the rulebook gives it.</param>
public sealed record GapDocument(string Rule, string Citation, string Message, string Kind = "requirement", string? Provision = null);

public sealed record MunicipalityDocument(
    string Code,
    string NameSq,
    string NameSrLatn,
    string NameSrCyrl,
    string NameEn,
    string Region,
    string MajorityCommunity,
    bool CouncilEstablished,
    int? MeetingsHeld,
    bool? MeetsRequiredMinimum,
    int? MeetingsDiscussingSecurityOrNonMajority,
    bool? WorkPlanAddressesNonMajority,
    bool? CompensatesMembers,
    string? Compensation,
    MembersDocument? Members,
    IReadOnlyList<GapDocument> Gaps);

/// <summary>
/// What a published version says of itself, so that the file alone can be cited and checked:
/// absent (null) from live figures, which are not for citing.
/// </summary>
/// <param name="RecordsChecksum">SHA-256 of the year's records in the exchange format as they were published; <paramref name="Records"/> the same per table.</param>
/// <param name="RulebookDigest">SHA-256 of the rulebook file in force (empty for the built-in one of an older version).</param>
public sealed record PublicationDocument(
    int Version,
    string PublishedOn,
    string Publisher,
    string Url,
    string Citation,
    string? Note,
    string RecordsChecksum,
    IReadOnlyDictionary<string, string> Records,
    string RulebookDigest);

/// <summary>The JSON contract of `indicators --format json` and the API (design §4).</summary>
public sealed record IndicatorsDocument(
    int Year,
    string? RulebookVersion,
    string? Notice,
    PublicationDocument? Publication,
    SummaryDocument Summary,
    IReadOnlyList<MunicipalityDocument> Municipalities)
{
    public const string IllustrativeNotice = "Illustrative data, not official figures.";

    /// <remarks>With the source-generated metadata (<see cref="IndicatorsJson"/>): the command line writes the document without reflecting over its types first.</remarks>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = IndicatorsJson.Default,
    };

    public static IndicatorsDocument From(YearIndicators indicators, bool illustrative, PublicationDocument? publication = null) => new(
        indicators.Year,
        indicators.Rules?.Version,
        illustrative ? IllustrativeNotice : null,
        publication,
        new SummaryDocument(
            indicators.Summary.Municipalities,
            indicators.Summary.CouncilsEstablished,
            indicators.Summary.CouncilsWithMeetingRecords,
            indicators.Summary.CouncilsMeetingRequiredMinimum,
            indicators.Summary.MeetingsHeld,
            indicators.Summary.MeetingsDiscussingSecurityOrNonMajority,
            indicators.Summary.WorkPlansAddressingNonMajority,
            indicators.Summary.MunicipalitiesCompensatingMembers,
            indicators.Summary.MunicipalitiesCompensatingPartially),
        indicators.Municipalities.Select(m => new MunicipalityDocument(
            m.Municipality.Code,
            m.Municipality.NameSq,
            m.Municipality.NameSrLatn,
            m.Municipality.NameSrCyrl,
            m.Municipality.NameEn,
            m.Municipality.RegionCode,
            Codes<Community>.ToCode(m.Municipality.MajorityCommunity),
            m.CouncilEstablished,
            m.MeetingsHeld,
            m.MeetsRequiredMinimum,
            m.MeetingsDiscussingSecurityOrNonMajority,
            m.WorkPlanAddressesNonMajority,
            m.CompensatesMembers,
            m.Compensation is { } status ? Codes<CompensationStatus>.ToCode(status) : null,
            // Unknown membership is null ("no data"), never a council of 0.
            !m.Members.Known ? null : new MembersDocument(m.Members.Total, m.Members.Women, m.Members.NonMajority,
                m.Members.Communities.Select(c => Codes<Community>.ToCode(c.Community)).ToList(), m.Members.WithheldBelow,
                m.Members.CommunitiesWithheld, m.Members.CommunitiesLeftOut),
            m.Gaps.Select(g => new GapDocument(g.Rule, g.Citation, g.Message, Codes<Core.Rules.RuleKind>.ToCode(g.Kind), g.Provision)).ToList())).ToList());

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IndicatorsDocument))]
internal sealed partial class IndicatorsJson : JsonSerializerContext;
