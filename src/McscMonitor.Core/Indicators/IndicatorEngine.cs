using McscMonitor.Core.Domain;
using McscMonitor.Core.Rules;

namespace McscMonitor.Core.Indicators;

/// <summary>Everything the engine reads for one year; councils carry their members, meetings and work plans.</summary>
public sealed record IndicatorInput(
    int Year,
    IReadOnlyList<Municipality> Municipalities,
    IReadOnlyList<Council> Councils,
    IReadOnlyList<Compensation> Compensation);

/// <summary>The same, with each council's year already counted (<see cref="CouncilYear"/>); the councils' own lists are not read.</summary>
public sealed record IndicatorFacts(
    int Year,
    IReadOnlyList<Municipality> Municipalities,
    IReadOnlyList<Council> Councils,
    IReadOnlyDictionary<Council, CouncilYear> CouncilYears,
    IReadOnlyList<Compensation> Compensation);

/// <summary>Members serving on 31 December.</summary>
/// <param name="NonMajority">Null when withheld from a public output: below <paramref name="WithheldBelow"/>, or with the community figures.</param>
/// <param name="Communities">Each community represented and how many members it has.</param>
/// <param name="CommunitiesWithheld">
/// In a public output, every community figure (non-majority count, communities, the non-majority
/// gap) is withheld: the council has too few members for any of them to hide who is who, or an
/// earlier version of the year withheld them.
/// </param>
/// <param name="CommunitiesLeftOut">In a public output, communities too small to show are left out of <paramref name="Communities"/>.</param>
/// <param name="Known">
/// Whether membership is known: a member's service overlaps the year, or the year is declared
/// complete (or there is no council). Otherwise the counts are "no data", not 0, and the
/// inclusion rules raise no gap.
/// </param>
public sealed record MemberSummary(
    int Total, int Women, int? NonMajority, IReadOnlyList<CommunityCount> Communities, int? WithheldBelow = null,
    bool CommunitiesWithheld = false, bool CommunitiesLeftOut = false, bool Known = true);

public sealed record CommunityCount(Community Community, int Members);

public sealed record Gap(string Rule, string Citation, string Message)
{
    /// <summary>A requirement of the instructions, or the monitor's benchmark: shown with every gap.</summary>
    public RuleKind Kind { get; init; } = RuleKind.Requirement;

    /// <summary>The article or paragraph, where the rulebook gives it.</summary>
    public string? Provision { get; init; }
}

/// <param name="MeetingsHeld">
/// Null when nothing tells how many meetings the council held: no meeting of the year (held
/// or cancelled) is recorded and the year's data is not declared complete. No records is not zero.
/// </param>
public sealed record MunicipalityIndicators(
    Municipality Municipality,
    bool CouncilEstablished,
    int? MeetingsHeld,
    bool? MeetsRequiredMinimum,
    int? MeetingsDiscussingSecurityOrNonMajority,
    bool? WorkPlanAddressesNonMajority,
    bool? CompensatesMembers,
    CompensationStatus? Compensation,
    MemberSummary Members,
    IReadOnlyList<Gap> Gaps);

/// <param name="CouncilsWithMeetingRecords">Councils whose meetings of the year are known; the meeting sums cover only these.</param>
public sealed record IndicatorSummary(
    int Municipalities,
    int CouncilsEstablished,
    int CouncilsWithMeetingRecords,
    int CouncilsMeetingRequiredMinimum,
    int MeetingsHeld,
    int MeetingsDiscussingSecurityOrNonMajority,
    int WorkPlansAddressingNonMajority,
    int MunicipalitiesCompensatingMembers,
    int MunicipalitiesCompensatingPartially);

public sealed record YearIndicators(
    int Year,
    RulebookVersion? Rules,
    IndicatorSummary Summary,
    IReadOnlyList<MunicipalityIndicators> Municipalities)
{
    /// <summary>The language of the gap messages.</summary>
    public Language Language { get; init; } = Language.En;

    /// <summary>
    /// Whether any record of the year was measured: a meeting, a work plan or a compensation
    /// row. Without one, every figure is "no data" and a sheet of the year would show nothing.
    /// </summary>
    public bool HasRecords { get; init; }
}

/// <summary>The indicator definitions of the design (§3), measured against the rulebook in force.</summary>
public static class IndicatorEngine
{
    /// <param name="complete">Municipalities whose data for the year is declared complete: no meeting recorded then means none held.</param>
    public static YearIndicators Compute(
        IndicatorInput input, Rulebook rulebook, Language language = Language.En, IReadOnlySet<string>? complete = null) =>
        Compute(new IndicatorFacts(input.Year, input.Municipalities, input.Councils,
            input.Councils.ToDictionary(council => council, council => CouncilYear.Of(council, input.Year)), input.Compensation),
            rulebook, language, complete);

    /// <inheritdoc cref="Compute(IndicatorInput, Rulebook, Language, IReadOnlySet{string}?)"/>
    public static YearIndicators Compute(
        IndicatorFacts input, Rulebook rulebook, Language language = Language.En, IReadOnlySet<string>? complete = null)
    {
        var rules = rulebook.ForYear(input.Year);
        var councilsByMunicipality = input.Councils
            .Where(council => council.IsEstablishedIn(input.Year))
            .GroupBy(council => council.MunicipalityCode)
            .ToDictionary(group => group.Key, group => group.MaxBy(council => council.EstablishedOn)!);
        var compensationByMunicipality = input.Compensation
            .Where(record => record.Year == input.Year)
            .ToDictionary(record => record.MunicipalityCode);

        var municipalities = input.Municipalities
            .OrderBy(municipality => municipality.Code, StringComparer.Ordinal)
            .Select(municipality => Measure(
                input.Year,
                municipality,
                councilsByMunicipality.GetValueOrDefault(municipality.Code) is { } council
                    ? (council, input.CouncilYears.GetValueOrDefault(council) ?? CouncilYear.Empty)
                    : null,
                compensationByMunicipality.GetValueOrDefault(municipality.Code),
                complete?.Contains(municipality.Code) == true,
                rules,
                language))
            .ToList();

        return new YearIndicators(input.Year, rules, Summarise(municipalities), municipalities)
        {
            Language = language,
            HasRecords = compensationByMunicipality.Count > 0
                || input.CouncilYears.Values.Any(year => year.MeetingsRecorded > 0 || year.Plan is not null),
        };
    }

    /// <param name="council">The council established in the year, with its year counted; null when there is none.</param>
    private static MunicipalityIndicators Measure(
        int year, Municipality municipality, (Council Council, CouncilYear Year)? council, Compensation? compensation, bool declaredComplete,
        RulebookVersion? rules, Language language)
    {
        var counted = council?.Year ?? CouncilYear.Empty;
        // Without a council there are no meetings to record: that zero is known.
        var meetingsKnown = council is null || counted.MeetingsRecorded > 0 || declaredComplete;
        var minimum = rules?.Find(RuleIds.MeetingsPerYear)?.Threshold;
        var members = SummariseMembers(municipality, counted.Members) with { Known = council is null || counted.MembersRecorded || declaredComplete };
        var workPlan = WorkPlanAddressesNonMajority(counted.Plan, year);
        var compensates = compensation is null ? (bool?)null : compensation.Status == CompensationStatus.Paid;

        var measured = new MunicipalityIndicators(
            municipality,
            CouncilEstablished: council is not null,
            MeetingsHeld: meetingsKnown ? counted.MeetingsHeld : null,
            MeetsRequiredMinimum: minimum is null || !meetingsKnown ? null : counted.MeetingsHeld >= minimum,
            MeetingsDiscussingSecurityOrNonMajority: meetingsKnown ? counted.MeetingsHeldDiscussing : null,
            WorkPlanAddressesNonMajority: workPlan,
            CompensatesMembers: compensates,
            Compensation: compensation?.Status,
            Members: members,
            Gaps: []);
        return measured with { Gaps = rules is null ? [] : FindGaps(measured, rules, language).ToList() };
    }

    /// <summary>Unknown is not "no": a year with no plan recorded is null, not false.</summary>
    private static bool? WorkPlanAddressesNonMajority(WorkPlan? plan, int year)
    {
        if (plan is null) return null;
        var adopted = plan.AdoptedOn is { } adoptedOn && adoptedOn <= new DateOnly(year, 12, 31);
        return adopted ? plan.AddressesNonMajorityConcerns : false;
    }

    private static MemberSummary SummariseMembers(Municipality municipality, IReadOnlyList<MemberGroup> serving) => new(
        Total: serving.Sum(group => group.Count),
        Women: serving.Where(group => group.CountsAsWoman).Sum(group => group.Count),
        NonMajority: serving.Where(group => group.CountsAsNonMajority(municipality)).Sum(group => group.Count),
        Communities: serving.Where(group => group.Community is not null)
            .GroupBy(group => group.Community!.Value).OrderBy(group => group.Key)
            .Select(group => new CommunityCount(group.Key, group.Sum(member => member.Count))).ToList());

    private static IEnumerable<Gap> FindGaps(MunicipalityIndicators measured, RulebookVersion rules, Language language)
    {
        Gap GapFor(Rule rule, int? actual = null) =>
            new(rule.Id, rule.Citation(language), rule.Message(language, actual)) { Kind = rule.Kind, Provision = rule.Provision(language) };

        if (!measured.CouncilEstablished)
        {
            // Without a council, every other rule is moot: the one gap is the missing council.
            if (rules.Find(RuleIds.CouncilEstablished) is { } established) yield return GapFor(established);
            yield break;
        }
        if (rules.Find(RuleIds.MeetingsPerYear) is { Threshold: { } minimum } meetings)
        {
            // Unknown is not "too few": the gap is that nothing is recorded.
            if (measured.MeetingsHeld is null) yield return new Gap(RuleIds.NoMeetingRecords, meetings.Citation(language), Localization.Messages.For(language)["noMeetingRecords"]);
            else if (measured.MeetingsHeld < minimum) yield return GapFor(meetings, measured.MeetingsHeld);
        }
        if (rules.Find(RuleIds.WorkPlanNonMajority) is { } workPlan && measured.WorkPlanAddressesNonMajority == false)
            yield return GapFor(workPlan);
        if (rules.Find(RuleIds.MembersCompensated) is { } compensated && measured.CompensatesMembers == false)
            yield return GapFor(compensated);

        // With no member recorded for the year (and the year not declared complete), membership is unknown rather than failing.
        if (!measured.Members.Known) yield break;
        if (rules.Find(RuleIds.WomenAmongMembers) is { Threshold: { } women } womenRule && measured.Members.Women < women)
            yield return GapFor(womenRule, measured.Members.Women);
        if (rules.Find(RuleIds.NonMajorityRepresented) is { Threshold: { } nonMajority } nonMajorityRule
            && measured.Members.NonMajority < nonMajority)
            yield return GapFor(nonMajorityRule, measured.Members.NonMajority);
    }

    private static IndicatorSummary Summarise(List<MunicipalityIndicators> municipalities) => new(
        Municipalities: municipalities.Count,
        CouncilsEstablished: municipalities.Count(m => m.CouncilEstablished),
        CouncilsWithMeetingRecords: municipalities.Count(m => m.CouncilEstablished && m.MeetingsHeld is not null),
        CouncilsMeetingRequiredMinimum: municipalities.Count(m => m.MeetsRequiredMinimum == true),
        MeetingsHeld: municipalities.Sum(m => m.MeetingsHeld ?? 0),
        MeetingsDiscussingSecurityOrNonMajority: municipalities.Sum(m => m.MeetingsDiscussingSecurityOrNonMajority ?? 0),
        WorkPlansAddressingNonMajority: municipalities.Count(m => m.WorkPlanAddressesNonMajority == true),
        // Compensation is of council members: counted, like chart 4 counts it, only where the council existed that year.
        MunicipalitiesCompensatingMembers: municipalities.Count(m => m.CouncilEstablished && m.CompensatesMembers == true),
        MunicipalitiesCompensatingPartially: municipalities.Count(m => m.CouncilEstablished && m.Compensation == CompensationStatus.Partial));
}
