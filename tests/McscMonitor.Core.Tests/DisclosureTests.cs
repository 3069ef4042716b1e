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
}
