using McscMonitor.Core.Domain;
using McscMonitor.Core.Indicators;
using McscMonitor.Core.Rules;
using static McscMonitor.Core.Tests.Build;

namespace McscMonitor.Core.Tests;

public class IndicatorEngineTests
{
    private static readonly Municipality Peje = Municipality("peje", Community.Albanian);
    private static readonly Municipality Gracanice = Municipality("gracanice", Community.Serbian);

    private static MunicipalityIndicators Measure(
        int year, Council? council, Municipality? municipality = null, params Compensation[] compensation)
    {
        municipality ??= Peje;
        var input = new IndicatorInput(year, [municipality], council is null ? [] : [council], compensation);
        return IndicatorEngine.Compute(input, Rulebook.Default).Municipalities.Single();
    }

    [Fact]
    public void CancelledMeetingsNeverCount()
    {
        var council = Council("peje", Date(2015, 1, 1));
        council.Meetings.AddRange([Held(Date(2021, 2, 1)), Cancelled(Date(2021, 3, 1)), Cancelled(Date(2021, 4, 1))]);

        var measured = Measure(2021, council);

        Assert.Equal(1, measured.MeetingsHeld);
        Assert.Equal(0, measured.MeetingsDiscussingSecurityOrNonMajority);
    }

    [Fact]
    public void MeetingsOnTheLastAndFirstDayOfTheYearCountInTheirOwnYear()
    {
        var council = Council("peje", Date(2015, 1, 1));
        council.Meetings.AddRange([Held(Date(2020, 12, 31)), Held(Date(2021, 1, 1)), Held(Date(2021, 12, 31)), Held(Date(2022, 1, 1))]);

        Assert.Equal(1, Measure(2020, council).MeetingsHeld);
        Assert.Equal(2, Measure(2021, council).MeetingsHeld);
        Assert.Equal(1, Measure(2022, council).MeetingsHeld);
    }

    [Fact]
    public void SixHeldMeetingsMeetTheMinimumAndFiveDoNot()
    {
        var council = Council("peje", Date(2015, 1, 1));
        council.Meetings.AddRange(Enumerable.Range(1, 5).Select(month => Held(Date(2021, month, 10))));
        var five = Measure(2021, council);

        council.Meetings.Add(Held(Date(2021, 11, 10)));
        var six = Measure(2021, council);

        Assert.False(five.MeetsRequiredMinimum);
        Assert.Contains(five.Gaps, gap => gap.Rule == RuleIds.MeetingsPerYear);
        Assert.True(six.MeetsRequiredMinimum);
        Assert.DoesNotContain(six.Gaps, gap => gap.Rule == RuleIds.MeetingsPerYear);
    }

    [Fact]
    public void MeetingsDiscussingSecurityOrNonMajorityCountEitherTopicOnce()
    {
        var council = Council("peje", Date(2015, 1, 1));
        council.Meetings.AddRange(
        [
            Held(Date(2021, 1, 5), security: true),
            Held(Date(2021, 2, 5), nonMajority: true),
            Held(Date(2021, 3, 5), security: true, nonMajority: true),
            Held(Date(2021, 4, 5)),
        ]);

        Assert.Equal(3, Measure(2021, council).MeetingsDiscussingSecurityOrNonMajority);
    }

    [Fact]
    public void CouncilEstablishedInTheMiddleOfTheYearCountsForThatYearButNotTheOneBefore()
    {
        var council = Council("peje", Date(2021, 6, 15));

        Assert.False(Measure(2020, council).CouncilEstablished);
        Assert.True(Measure(2021, council).CouncilEstablished);
    }

    [Fact]
    public void CouncilDissolvedDuringTheYearCountsForThatYearButNotTheNext()
    {
        var council = Council("peje", Date(2015, 1, 1), dissolved: Date(2021, 3, 31));

        Assert.True(Measure(2021, council).CouncilEstablished);
        var next = Measure(2022, council);
        Assert.False(next.CouncilEstablished);
        Assert.Equal([RuleIds.CouncilEstablished], next.Gaps.Select(gap => gap.Rule));
    }

    [Fact]
    public void CouncilDissolvedOnNewYearsDayStillCountsForThatYear()
    {
        var council = Council("peje", Date(2015, 1, 1), dissolved: Date(2022, 1, 1));

        Assert.True(Measure(2022, council).CouncilEstablished);
    }

    [Fact]
    public void MissingWorkPlanIsNoDataNotNo()
    {
        var measured = Measure(2021, Council("peje", Date(2015, 1, 1)));

        Assert.Null(measured.WorkPlanAddressesNonMajority);
        Assert.DoesNotContain(measured.Gaps, gap => gap.Rule == RuleIds.WorkPlanNonMajority);
    }

    [Theory]
    [InlineData("2021-02-01", true, true)]
    [InlineData("2021-12-31", true, true)]
    [InlineData("2022-01-10", true, false)]
    [InlineData(null, true, false)]
    [InlineData("2021-02-01", false, false)]
    public void WorkPlanAddressesNonMajorityOnlyWhenAdoptedByYearEndAndAddressingThem(string? adopted, bool addresses, bool expected)
    {
        var council = Council("peje", Date(2015, 1, 1));
        council.WorkPlans.Add(new WorkPlan
        {
            Year = 2021,
            AdoptedOn = adopted is null ? null : DateOnly.Parse(adopted, System.Globalization.CultureInfo.InvariantCulture),
            AddressesNonMajorityConcerns = addresses,
        });

        var measured = Measure(2021, council);

        Assert.Equal(expected, measured.WorkPlanAddressesNonMajority);
        Assert.Equal(!expected, measured.Gaps.Any(gap => gap.Rule == RuleIds.WorkPlanNonMajority));
    }

    [Fact]
    public void WorkPlanOfAnotherYearIsNoData()
    {
        var council = Council("peje", Date(2015, 1, 1));
        council.WorkPlans.Add(new WorkPlan { Year = 2020, AdoptedOn = Date(2020, 1, 1), AddressesNonMajorityConcerns = true });

        Assert.Null(Measure(2021, council).WorkPlanAddressesNonMajority);
    }

    [Theory]
    [InlineData(CompensationStatus.Paid, true)]
    [InlineData(CompensationStatus.Partial, false)]
    [InlineData(CompensationStatus.None, false)]
    public void CompensationPaidIsTrueAndPartialOrNoneIsFalse(CompensationStatus status, bool expected)
    {
        var record = new Compensation { MunicipalityCode = "peje", Year = 2021, Status = status };

        var measured = Measure(2021, Council("peje", Date(2015, 1, 1)), Peje, record);

        Assert.Equal(expected, measured.CompensatesMembers);
        Assert.Equal(status, measured.Compensation);
    }

    [Fact]
    public void NoCompensationRecordIsNoData()
    {
        var measured = Measure(2021, Council("peje", Date(2015, 1, 1)), Peje,
            new Compensation { MunicipalityCode = "peje", Year = 2020, Status = CompensationStatus.Paid });

        Assert.Null(measured.CompensatesMembers);
        Assert.DoesNotContain(measured.Gaps, gap => gap.Rule == RuleIds.MembersCompensated);
    }

    [Fact]
    public void AYearHasRecordsOnlyWhenAMeetingAPlanOrAPaymentOfThatYearIsRecorded()
    {
        static bool HasRecords(int year, Council council, params Compensation[] compensation) =>
            IndicatorEngine.Compute(new IndicatorInput(year, [Peje], [council], compensation), Rulebook.Default).HasRecords;
        var council = Council("peje", Date(2015, 1, 1));
        council.Members.Add(Member(Gender.Female, Community.Albanian, Date(2015, 1, 1)));
        council.Meetings.Add(Cancelled(Date(2020, 3, 1)));
        council.WorkPlans.Add(new WorkPlan { Year = 2022, AdoptedOn = Date(2022, 1, 1) });
        var payment = new Compensation { MunicipalityCode = "peje", Year = 2023, Status = CompensationStatus.None };

        Assert.False(HasRecords(2021, council, payment));
        Assert.True(HasRecords(2020, council));
        Assert.True(HasRecords(2022, council));
        Assert.True(HasRecords(2023, council, payment));
    }

    [Fact]
    public void MembersAreCountedAsServingOnTheThirtyFirstOfDecember()
    {
        var council = Council("peje", Date(2015, 1, 1));
        council.Members.AddRange(
        [
            Member(Gender.Female, Community.Albanian, Date(2018, 1, 1)),
            Member(Gender.Female, Community.Roma, Date(2018, 1, 1), left: Date(2021, 6, 30)),
            Member(Gender.Male, Community.Serbian, Date(2021, 12, 31)),
            Member(Gender.Male, Community.Albanian, Date(2018, 1, 1), left: Date(2021, 12, 31)),
            Member(Gender.Male, Community.Bosniak, Date(2022, 1, 1)),
        ]);

        var members = Measure(2021, council).Members;

        Assert.Equal(3, members.Total);
        Assert.Equal(1, members.Women);
        Assert.Equal(1, members.NonMajority);
        Assert.Equal([new CommunityCount(Community.Albanian, 2), new CommunityCount(Community.Serbian, 1)], members.Communities);
    }

    [Fact]
    public void AlbaniansAreNonMajorityInASerbianMajorityMunicipality()
    {
        var council = Council("gracanice", Date(2015, 1, 1));
        council.Members.AddRange(
        [
            Member(Gender.Male, Community.Serbian, Date(2018, 1, 1)),
            Member(Gender.Male, Community.Albanian, Date(2018, 1, 1)),
        ]);

        var measured = Measure(2021, council, Gracanice);

        Assert.Equal(1, measured.Members.NonMajority);
        Assert.DoesNotContain(measured.Gaps, gap => gap.Rule == RuleIds.NonMajorityRepresented);
    }

    [Fact]
    public void CouncilWithoutWomenOrNonMajorityMembersHasBothGaps()
    {
        var council = Council("peje", Date(2015, 1, 1));
        council.Members.Add(Member(Gender.Male, Community.Albanian, Date(2018, 1, 1)));

        var rules = Measure(2021, council).Gaps.Select(gap => gap.Rule).ToList();

        Assert.Contains(RuleIds.WomenAmongMembers, rules);
        Assert.Contains(RuleIds.NonMajorityRepresented, rules);
    }

    [Fact]
    public void CouncilWithNoMembersRecordedHasNoMembershipGaps()
    {
        var rules = Measure(2021, Council("peje", Date(2015, 1, 1))).Gaps.Select(gap => gap.Rule).ToList();

        Assert.DoesNotContain(RuleIds.WomenAmongMembers, rules);
        Assert.DoesNotContain(RuleIds.NonMajorityRepresented, rules);
    }

    [Fact]
    public void MunicipalityWithoutCouncilHasOnlyTheMissingCouncilGap()
    {
        var measured = Measure(2021, council: null, Peje,
            new Compensation { MunicipalityCode = "peje", Year = 2021, Status = CompensationStatus.None });

        Assert.False(measured.CouncilEstablished);
        Assert.Equal(0, measured.MeetingsHeld);
        var gap = Assert.Single(measured.Gaps);
        Assert.Equal(RuleIds.CouncilEstablished, gap.Rule);
        Assert.Contains("27/2012", gap.Citation);
    }

    [Fact]
    public void GapMessagesAreWrittenInTheRequestedLanguage()
    {
        // A cancelled meeting makes the year's meetings known: none was held.
        var council = Council("peje", Date(2015, 1, 1));
        council.Meetings.Add(Cancelled(Date(2021, 3, 1)));
        var input = new IndicatorInput(2021, [Peje], [council], []);

        var albanian = IndicatorEngine.Compute(input, Rulebook.Default, Language.Sq).Municipalities.Single().Gaps.Single();
        var cyrillic = IndicatorEngine.Compute(input, Rulebook.Default, Language.SrCyrl).Municipalities.Single().Gaps.Single();

        Assert.Equal("Takime të mbajtura: 0; kërkohen së paku 6 në vit.", albanian.Message);
        Assert.Equal("Одржаних састанака: 0; прописано је најмање 6 годишње.", cyrillic.Message);
    }

    [Fact]
    public void SummaryAddsUpTheMunicipalities()
    {
        var pejeCouncil = Council("peje", Date(2015, 1, 1));
        pejeCouncil.Meetings.AddRange(Enumerable.Range(1, 6).Select(month => Held(Date(2021, month, 3), security: month % 2 == 0)));
        var gracaniceCouncil = Council("gracanice", Date(2015, 1, 1));
        gracaniceCouncil.Meetings.Add(Held(Date(2021, 5, 5), nonMajority: true));
        var input = new IndicatorInput(2021, [Peje, Gracanice, Municipality("viti")], [pejeCouncil, gracaniceCouncil],
        [
            new Compensation { MunicipalityCode = "peje", Year = 2021, Status = CompensationStatus.Paid },
            new Compensation { MunicipalityCode = "gracanice", Year = 2021, Status = CompensationStatus.Partial },
        ]);

        var summary = IndicatorEngine.Compute(input, Rulebook.Default).Summary;

        Assert.Equal(new IndicatorSummary(3, 2, 2, 1, 7, 4, 0, 1, 1), summary);
    }

    [Fact]
    public void MunicipalitiesAreListedInCodeOrder()
    {
        var input = new IndicatorInput(2021, [Municipality("viti"), Peje, Municipality("decan")], [], []);

        var codes = IndicatorEngine.Compute(input, Rulebook.Default).Municipalities.Select(m => m.Municipality.Code);

        Assert.Equal(["decan", "peje", "viti"], codes);
    }

    [Fact]
    public void ACouncilWithoutAnyMeetingRecordedHasNoDataNotZero()
    {
        var measured = Measure(2021, Council("peje", Date(2015, 1, 1)));

        Assert.Null(measured.MeetingsHeld);
        Assert.Null(measured.MeetsRequiredMinimum);
        Assert.Null(measured.MeetingsDiscussingSecurityOrNonMajority);
        Assert.Equal([RuleIds.NoMeetingRecords], measured.Gaps.Select(g => g.Rule));
    }

    [Fact]
    public void OnlyCancelledMeetingsMakeAKnownZero()
    {
        var council = Council("peje", Date(2015, 1, 1));
        council.Meetings.Add(Cancelled(Date(2021, 12, 31)));

        var measured = Measure(2021, council);

        Assert.Equal(0, measured.MeetingsHeld);
        Assert.False(measured.MeetsRequiredMinimum);
        Assert.Equal([RuleIds.MeetingsPerYear], measured.Gaps.Select(g => g.Rule));
    }

    [Fact]
    public void AMeetingOfAnotherYearDoesNotMakeThisYearKnown()
    {
        var council = Council("peje", Date(2015, 1, 1));
        council.Meetings.Add(Held(Date(2020, 12, 31)));

        Assert.Null(Measure(2021, council).MeetingsHeld);
    }

    [Fact]
    public void AMunicipalityWithoutACouncilHasAKnownZeroAndOnlyTheNoCouncilGap()
    {
        var measured = Measure(2021, null);

        Assert.Equal(0, measured.MeetingsHeld);
        Assert.Equal([RuleIds.CouncilEstablished], measured.Gaps.Select(g => g.Rule));
    }

    [Fact]
    public void DataDeclaredCompleteMakesNoMeetingsAZero()
    {
        var input = new IndicatorInput(2021, [Peje], [Council("peje", Date(2015, 1, 1))], []);

        var measured = IndicatorEngine.Compute(input, Rulebook.Default, complete: new HashSet<string> { "peje" }).Municipalities.Single();

        Assert.Equal(0, measured.MeetingsHeld);
        Assert.False(measured.MeetsRequiredMinimum);
    }

    [Fact]
    public void TheSummarySaysHowManyCouncilsHaveMeetingRecords()
    {
        var withMeetings = Council("peje", Date(2015, 1, 1));
        withMeetings.Meetings.Add(Held(Date(2021, 2, 2)));
        var input = new IndicatorInput(2021, [Peje, Gracanice], [withMeetings, Council("gracanice", Date(2015, 1, 1))], []);

        var summary = IndicatorEngine.Compute(input, Rulebook.Default).Summary;

        Assert.Equal((2, 1, 1), (summary.CouncilsEstablished, summary.CouncilsWithMeetingRecords, summary.MeetingsHeld));
    }

    [Fact]
    public void CompensationIsCountedOnlyWhereTheCouncilExistedAndPaidAndPartialSeparately()
    {
        var municipalities = new[] { Municipality("peje"), Municipality("istog"), Municipality("viti") };
        var councils = new[] { Council("peje", Date(2015, 1, 1)), Council("istog", Date(2015, 1, 1)) };
        var compensation = new[]
        {
            new Compensation { MunicipalityCode = "peje", Year = 2021, Status = CompensationStatus.Paid },
            new Compensation { MunicipalityCode = "istog", Year = 2021, Status = CompensationStatus.Partial },
            // Viti has no council: a record there (entered before the rule refused it) counts for nothing.
            new Compensation { MunicipalityCode = "viti", Year = 2021, Status = CompensationStatus.Paid },
        };

        var summary = IndicatorEngine.Compute(new IndicatorInput(2021, municipalities, councils, compensation), Rulebook.Default).Summary;

        Assert.Equal(1, summary.MunicipalitiesCompensatingMembers);
        Assert.Equal(1, summary.MunicipalitiesCompensatingPartially);
    }

    private static MunicipalityIndicators Peje2021(IReadOnlySet<string>? complete, params Member[] members)
    {
        var council = Council("peje", Date(2015, 1, 1));
        council.Members.AddRange(members);
        return IndicatorEngine.Compute(new IndicatorInput(2021, [Municipality("peje")], [council], []), Rulebook.Default, complete: complete).Municipalities.Single();
    }

    [Fact]
    public void MembershipWithoutAnyRecordIsUnknownAndRaisesNoInclusionGap()
    {
        var peje = Peje2021(null);

        Assert.False(peje.Members.Known);
        Assert.DoesNotContain(peje.Gaps, gap => gap.Rule is RuleIds.WomenAmongMembers or RuleIds.NonMajorityRepresented);
    }

    [Fact]
    public void MembersWhoAllLeftDuringTheYearMakeAKnownZeroWithItsGaps()
    {
        var peje = Peje2021(null, Member(Gender.Female, Community.Serbian, Date(2019, 1, 1), left: Date(2021, 6, 30)));

        Assert.True(peje.Members.Known);
        Assert.Equal(0, peje.Members.Total);
        Assert.Contains(peje.Gaps, gap => gap.Rule == RuleIds.WomenAmongMembers);
        Assert.Contains(peje.Gaps, gap => gap.Rule == RuleIds.NonMajorityRepresented);
    }

    [Fact]
    public void AYearDeclaredCompleteWithNoMemberRecordedHasAKnownZero()
    {
        var peje = Peje2021(new HashSet<string> { "peje" });

        Assert.True(peje.Members.Known);
        Assert.Equal(0, peje.Members.Total);
    }
}
