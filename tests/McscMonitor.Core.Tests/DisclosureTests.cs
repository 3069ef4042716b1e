using McscMonitor.Core.Domain;
using McscMonitor.Core.Indicators;
using McscMonitor.Core.Rules;
using static McscMonitor.Core.Tests.Build;

namespace McscMonitor.Core.Tests;

public class DisclosureTests
{
    private static readonly Municipality Peje = Municipality("peje", Community.Albanian);

    private static MemberSummary Members(params Member[] members)
    {
        var council = Council("peje", Date(2015, 1, 1));
        council.Members.AddRange(members);
        var input = new IndicatorInput(2021, [Peje], [council], []);
        return IndicatorEngine.Compute(input, Rulebook.Default).Municipalities.Single().Members;
    }

    private static Member[] Albanians(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => Member(Gender.Male, Community.Albanian, Date(2020, 1, 1)))];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void OneOrTwoNonMajorityMembersAreWithheldAndTheirCommunityLeftOut(int roma)
    {
        var members = Members([.. Albanians(8), .. Enumerable.Range(0, roma).Select(_ => Member(Gender.Female, Community.Roma, Date(2020, 1, 1)))]);

        var published = Disclosure.Protect(members, Peje, Disclosure.DefaultMinimumCount);

        Assert.Null(published.NonMajority);
        Assert.Equal(3, published.WithheldBelow);
        Assert.Equal([new CommunityCount(Community.Albanian, 8)], published.Communities);
        Assert.Equal(members.Total, published.Total);
    }

    [Fact]
    public void ThreeOrMoreAreShownButACommunityOfOneIsStillLeftOut()
    {
        var members = Members([.. Albanians(8),
            Member(Gender.Male, Community.Serbian, Date(2020, 1, 1)), Member(Gender.Male, Community.Serbian, Date(2020, 1, 1)),
            Member(Gender.Male, Community.Serbian, Date(2020, 1, 1)), Member(Gender.Male, Community.Gorani, Date(2020, 1, 1))]);

        var published = Disclosure.Protect(members, Peje, Disclosure.DefaultMinimumCount);

        Assert.Equal(4, published.NonMajority);
        Assert.Null(published.WithheldBelow);
        Assert.Equal([Community.Albanian, Community.Serbian], published.Communities.Select(c => c.Community));
    }

    [Fact]
    public void NoNonMajorityMemberIsAKnownZeroNotWithheld()
    {
        var published = Disclosure.Protect(Members(Albanians(5)), Peje, Disclosure.DefaultMinimumCount);

        Assert.Equal(0, published.NonMajority);
        Assert.Null(published.WithheldBelow);
    }

    [Fact]
    public void AnErasedMemberStillCountsAsBeforeWithoutTheirData()
    {
        var erased = Member(Gender.Female, Community.Roma, Date(2020, 1, 1));
        erased.FullName = "Drita Berisha";
        erased.Religion = "islam";
        var before = Members([.. Albanians(3), erased]);

        erased.Erase(Peje, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var after = Members([.. Albanians(3), erased]);

        Assert.Equal(Domain.Member.ErasedText, erased.FullName);
        Assert.Null(erased.Religion);
        Assert.Null(erased.Community);
        Assert.Equal(Gender.Unknown, erased.Gender);
        Assert.Equal((before.Total, before.Women, before.NonMajority), (after.Total, after.Women, after.NonMajority));
    }

    private static YearIndicators Year(Rulebook rulebook, params Member[] members)
    {
        var council = Council("peje", Date(2015, 1, 1));
        council.Members.AddRange(members);
        return IndicatorEngine.Compute(new IndicatorInput(2021, [Peje], [council], []), rulebook);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void InACouncilOfOneOrTwoEveryCommunityFigureIsWithheldAndTheOutputSaysSo(int size)
    {
        // One non-majority member, or a pair of whom one is: "< 3" beside a total of 1 or 2, or a short list, would point at them.
        var members = Enumerable.Range(0, size).Select(i => Member(Gender.Female, i == 0 ? Community.Roma : Community.Albanian, Date(2020, 1, 1))).ToArray();

        var published = Disclosure.Protect(Year(Rulebook.Default, members), Disclosure.DefaultMinimumCount).Municipalities.Single();

        Assert.True(published.Members.CommunitiesWithheld);
        Assert.Null(published.Members.NonMajority);
        Assert.Null(published.Members.WithheldBelow);
        Assert.Empty(published.Members.Communities);
        Assert.Equal(size, published.Members.Total);
        Assert.DoesNotContain(published.Gaps, gap => gap.Rule == RuleIds.NonMajorityRepresented);
    }

    [Fact]
    public void AGapMessageNeverPrintsAWithheldCount()
    {
        var rules = Rulebook.Default.Versions.Single();
        var strict = new Rulebook([rules with
        {
            Rules = rules.Rules.Select(rule => rule.Id == RuleIds.NonMajorityRepresented ? rule with { Threshold = 4 } : rule).ToList(),
        }]);
        var indicators = Year(strict, [.. Albanians(5), Member(Gender.Male, Community.Roma, Date(2020, 1, 1)), Member(Gender.Male, Community.Roma, Date(2020, 1, 1))]);

        var exact = indicators.Municipalities.Single().Gaps.Single(gap => gap.Rule == RuleIds.NonMajorityRepresented);
        var published = Disclosure.Protect(indicators, Disclosure.DefaultMinimumCount).Municipalities.Single().Gaps
            .Single(gap => gap.Rule == RuleIds.NonMajorityRepresented);

        Assert.Contains(": 2;", exact.Message);
        Assert.Contains(": < 3;", published.Message);
        Assert.DoesNotContain("2", published.Message);
    }

    [Fact]
    public void AFigureWithheldInAnEarlierVersionStaysWithheldWhenItWouldNowBeShown()
    {
        // Version 1: 5 members, 2 non-majority ("< 3"). Version 2: one more non-majority member, 3 of 6: shown, it would give version 1's 2 away.
        var now = Year(Rulebook.Default, [.. Albanians(3), .. Enumerable.Range(0, 3).Select(_ => Member(Gender.Male, Community.Roma, Date(2020, 1, 1)))]);

        var fresh = Disclosure.Protect(now, Disclosure.DefaultMinimumCount).Municipalities.Single().Members;
        var later = Disclosure.Protect(now, Disclosure.DefaultMinimumCount, new HashSet<string> { "peje" }).Municipalities.Single().Members;

        Assert.Equal(3, fresh.NonMajority);
        Assert.True(later.CommunitiesWithheld);
        Assert.Null(later.NonMajority);
        Assert.Empty(later.Communities);
    }

    [Fact]
    public void ACommunityUnderTheMinimumIsLeftOutAndTheListSaysSo()
    {
        var published = Disclosure.Protect(Members([.. Albanians(4), Member(Gender.Male, Community.Serbian, Date(2020, 1, 1)),
            Member(Gender.Male, Community.Serbian, Date(2020, 1, 1)), Member(Gender.Male, Community.Serbian, Date(2020, 1, 1)),
            Member(Gender.Male, Community.Turkish, Date(2020, 1, 1))]), Peje, Disclosure.DefaultMinimumCount);

        Assert.True(published.CommunitiesLeftOut);
        Assert.Equal([Community.Albanian, Community.Serbian], published.Communities.Select(c => c.Community));
        Assert.Equal(4, published.NonMajority);
    }
}
