using McscMonitor.Core.Domain;
using McscMonitor.Core.Indicators;
using McscMonitor.Core.Rules;
using static McscMonitor.Core.Tests.Build;

namespace McscMonitor.Core.Tests;

public class RulebookTests
{
    private const string RevisedRulebook = """
        {
          "versions": [
            {
              "version": "2012.1", "effectiveFrom": "2012-01-01", "effectiveTo": "2021-12-31",
              "rules": [
                { "id": "meetings-per-year", "citation": "AI (MIA) No. 27/2012", "threshold": 6,
                  "messages": { "en": "{actual} of {threshold}", "sq": "{actual} nga {threshold}", "sr-Latn": "{actual} od {threshold}" } }
              ]
            },
            {
              "version": "2022.1", "effectiveFrom": "2022-01-01",
              "rules": [
                { "id": "meetings-per-year", "citation": "Hypothetical revision", "threshold": 4,
                  "messages": { "en": "{actual} of {threshold}", "sq": "{actual} nga {threshold}", "sr-Latn": "{actual} od {threshold}" } }
              ]
            }
          ]
        }
        """;

    [Fact]
    public void DefaultRulebookRequiresSixMeetingsAndCitesBothInstructions()
    {
        var rules = Rulebook.Default.ForYear(2021)!;

        Assert.Equal(6, rules.Find(RuleIds.MeetingsPerYear)!.Threshold);
        var citations = string.Join(" ", rules.Rules.Select(rule => rule.Citation(Language.En)));
        Assert.Contains("27/2012", citations);
        Assert.Contains("03/2012", citations);
        Assert.Equal(RuleIds.All.Order(), rules.Rules.Select(rule => rule.Id).Order());
    }

    [Fact]
    public void TwoRulebooksWithTheSameVersionLabelsButDifferentRulesHaveDifferentDigests()
    {
        var original = Rulebook.Parse(RevisedRulebook);
        var changed = Rulebook.Parse(RevisedRulebook.Replace("\"threshold\": 4", "\"threshold\": 5"));

        Assert.Equal(original.Versions.Select(v => v.Version), changed.Versions.Select(v => v.Version));
        Assert.Matches("^[0-9a-f]{64}$", original.Digest);
        Assert.NotEqual(original.Digest, changed.Digest);
        Assert.Equal(original.Digest, Rulebook.Parse(RevisedRulebook).Digest);
    }

    [Fact]
    public void EveryDefaultRuleHasAMessageInAllFourLanguages()
    {
        foreach (var rule in Rulebook.Default.Versions.SelectMany(version => version.Rules))
            foreach (var language in Languages.All)
                Assert.False(string.IsNullOrWhiteSpace(rule.Message(language, 1)), $"{rule.Id} has no {language.Tag()} message");
    }

    [Fact]
    public void ANewRulebookVersionChangesResultsForTheYearsItCoversWithoutCodeChanges()
    {
        var rulebook = Rulebook.Parse(RevisedRulebook);
        var council = Council("peje", Date(2015, 1, 1));
        council.Meetings.AddRange(Enumerable.Range(1, 4).SelectMany(month => new[] { Held(Date(2021, month, 1)), Held(Date(2022, month, 1)) }));
        var municipalities = new[] { Municipality("peje") };

        var before = IndicatorEngine.Compute(new IndicatorInput(2021, municipalities, [council], []), rulebook);
        var after = IndicatorEngine.Compute(new IndicatorInput(2022, municipalities, [council], []), rulebook);

        Assert.Equal("2012.1", before.Rules!.Version);
        Assert.False(before.Municipalities.Single().MeetsRequiredMinimum);
        Assert.Equal("4 of 6", before.Municipalities.Single().Gaps.Single().Message);
        Assert.Equal("2022.1", after.Rules!.Version);
        Assert.True(after.Municipalities.Single().MeetsRequiredMinimum);
        Assert.Empty(after.Municipalities.Single().Gaps);
    }

    [Fact]
    public void VersionInForceOnTheThirtyFirstOfDecemberGovernsTheYear()
    {
        var rulebook = Rulebook.Parse(RevisedRulebook.Replace("2021-12-31", "2021-06-30").Replace("2022-01-01", "2021-07-01"));

        Assert.Equal("2022.1", rulebook.ForYear(2021)!.Version);
        Assert.Equal("2012.1", rulebook.ForYear(2020)!.Version);
        Assert.Null(rulebook.ForYear(2011));
    }

    [Fact]
    public void UnknownRuleIdIsRejectedWithTheKnownOnes()
    {
        var error = Assert.Throws<RulebookException>(() => Rulebook.Parse(RevisedRulebook.Replace("\"meetings-per-year\"", "\"meetings-per-yaer\"")));

        Assert.Contains("meetings-per-yaer", error.Message);
        Assert.Contains(RuleIds.MeetingsPerYear, error.Message);
    }

    [Fact]
    public void RuleWithoutCitationIsRejected()
    {
        var error = Assert.Throws<RulebookException>(() => Rulebook.Parse(RevisedRulebook.Replace("\"Hypothetical revision\"", "\"\"")));

        Assert.Contains("citation", error.Message);
    }

    [Fact]
    public void CyrillicMessagesAreTransliteratedFromTheLatinOnesWithPlaceholdersKept()
    {
        var rule = Rulebook.Parse(RevisedRulebook).ForYear(2021)!.Rules.Single();

        Assert.Equal("{actual} од {threshold}", rule.Messages["sr-Cyrl"]);
    }
}
