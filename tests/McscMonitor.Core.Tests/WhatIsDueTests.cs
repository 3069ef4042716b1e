using McscMonitor.Core.Approval;
using McscMonitor.Core.Indicators;
using McscMonitor.Core.Rules;
using static McscMonitor.Core.Tests.Build;

namespace McscMonitor.Core.Tests;

public class WhatIsDueTests
{
    private static MunicipalityIndicators Current(int held, int year = 2022)
    {
        var council = Council("peje", Date(2015, 1, 1));
        council.Meetings.AddRange(Enumerable.Range(1, held).Select(month => Held(Date(year, month, 10))));
        var input = new IndicatorInput(year, [Municipality("peje")], [council], []);
        return IndicatorEngine.Compute(input, Rulebook.Default).Municipalities.Single();
    }

    private static IEnumerable<string> Keys(IReadOnlyList<DueItem> due) => due.Select(d => d.Key);

    [Fact]
    public void TwoMeetingsByTheEndOfJulyAreBehindThePaceOfSixAYear()
    {
        var due = WhatIsDue.For(Current(held: 2), 6, Date(2022, 8, 15), ApprovalState.Submitted, null);

        var behind = due.Single(d => d.Key == "due.behindPace");
        Assert.Contains(("expected", (object?)3), behind.Values);
    }

    [Fact]
    public void ThreeMeetingsByTheEndOfJulyAreOnPace()
    {
        var due = WhatIsDue.For(Current(held: 3), 6, Date(2022, 8, 15), ApprovalState.Submitted, null);

        Assert.DoesNotContain("due.behindPace", Keys(due));
    }

    [Fact]
    public void InJanuaryNoCouncilIsBehindPace()
    {
        Assert.DoesNotContain("due.behindPace", Keys(WhatIsDue.For(Current(held: 0), 6, Date(2022, 1, 20), ApprovalState.Verified, null)));
    }

    [Fact]
    public void MissingRecordsAndLastYearsDataAreDue()
    {
        var due = WhatIsDue.For(Current(held: 6), 6, Date(2022, 8, 15), ApprovalState.Draft, "The minutes are missing.");

        Assert.Equal(["due.noWorkPlan", "due.noCompensation", "due.sentBack"], Keys(due));
        Assert.Contains(("reason", (object?)"The minutes are missing."), due[^1].Values);
    }
}
