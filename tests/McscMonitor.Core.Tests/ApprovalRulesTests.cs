using McscMonitor.Core.Approval;
using McscMonitor.Core.Domain;

namespace McscMonitor.Core.Tests;

public class ApprovalRulesTests
{
    /// <summary>The workflow written out in full: (state, action) → next state, and who may take it.</summary>
    private static readonly Dictionary<(ApprovalState, ApprovalAction), (ApprovalState Next, ApprovalRole[] Roles)> Legal = new()
    {
        [(ApprovalState.Draft, ApprovalAction.Submit)] = (ApprovalState.Submitted, [ApprovalRole.Admin, ApprovalRole.Monitor, ApprovalRole.OwnOfficer]),
        [(ApprovalState.Submitted, ApprovalAction.Verify)] = (ApprovalState.Verified, [ApprovalRole.Admin, ApprovalRole.Monitor]),
        [(ApprovalState.Submitted, ApprovalAction.Return)] = (ApprovalState.Draft, [ApprovalRole.Admin, ApprovalRole.Monitor]),
        [(ApprovalState.Submitted, ApprovalAction.Withdraw)] = (ApprovalState.Draft, [ApprovalRole.Admin, ApprovalRole.Monitor, ApprovalRole.OwnOfficer]),
        [(ApprovalState.Verified, ApprovalAction.Reopen)] = (ApprovalState.Draft, [ApprovalRole.Admin, ApprovalRole.Monitor]),
        [(ApprovalState.Locked, ApprovalAction.Reopen)] = (ApprovalState.Draft, [ApprovalRole.Admin, ApprovalRole.Monitor]),
        [(ApprovalState.Verified, ApprovalAction.Lock)] = (ApprovalState.Locked, [ApprovalRole.Admin, ApprovalRole.Monitor]),
    };

    public static TheoryData<ApprovalState, ApprovalAction, ApprovalRole> Everything()
    {
        var data = new TheoryData<ApprovalState, ApprovalAction, ApprovalRole>();
        foreach (var state in Enum.GetValues<ApprovalState>())
            foreach (var action in Enum.GetValues<ApprovalAction>())
                foreach (var role in Enum.GetValues<ApprovalRole>())
                    data.Add(state, action, role);
        return data;
    }

    [Theory]
    [MemberData(nameof(Everything))]
    public void EveryLegalTransitionIsAcceptedAndEveryOtherRefusedForEveryRole(ApprovalState state, ApprovalAction action, ApprovalRole role)
    {
        var decision = ApprovalRules.Decide(state, action, role, "checked with the municipality");

        if (Legal.TryGetValue((state, action), out var legal) && legal.Roles.Contains(role))
            Assert.Equal(legal.Next, decision.Next);
        else
        {
            Assert.False(decision.Allowed);
            Assert.NotNull(decision.Refusal);
        }
    }

    [Theory]
    [InlineData(ApprovalState.Submitted, ApprovalAction.Return)]
    [InlineData(ApprovalState.Verified, ApprovalAction.Reopen)]
    [InlineData(ApprovalState.Locked, ApprovalAction.Reopen)]
    public void SendingBackAndReopeningNeedAReason(ApprovalState state, ApprovalAction action)
    {
        Assert.Equal(ApprovalRefusal.ReasonRequired, ApprovalRules.Decide(state, action, ApprovalRole.Monitor, "  ").Refusal);
        Assert.True(ApprovalRules.Decide(state, action, ApprovalRole.Monitor, "minutes missing").Allowed);
    }

    [Fact]
    public void OnlyADraftCanBeEdited()
    {
        Assert.Equal([ApprovalState.Draft], Enum.GetValues<ApprovalState>().Where(ApprovalRules.IsEditable));
    }

    [Fact]
    public void AChangeAltersOnlyTheYearsItTouches()
    {
        var before = new Meeting { Date = new DateOnly(2021, 3, 1), Status = MeetingStatus.Held };
        var after = new Meeting { Date = new DateOnly(2021, 3, 1), Status = MeetingStatus.Cancelled };
        var member = new Member { MemberRef = "M1", AppointedOn = new DateOnly(2018, 1, 1) };
        var leaves = new Member { MemberRef = "M1", AppointedOn = new DateOnly(2018, 1, 1), LeftOn = new DateOnly(2024, 5, 1) };

        Assert.True(YearContribution.Alters(before, after, 2021));
        Assert.False(YearContribution.Alters(before, after, 2022));
        Assert.True(YearContribution.Alters(null, after, 2021));
        Assert.False(YearContribution.Alters(member, leaves, 2021));
        Assert.True(YearContribution.Alters(member, leaves, 2024));
    }

    [Theory]
    [InlineData(ApprovalRole.OwnOfficer)]
    [InlineData(ApprovalRole.Monitor)]
    public void AYearInProgressCannotBeSubmittedByAnyone(ApprovalRole role)
    {
        var decision = ApprovalRules.Decide(ApprovalState.Draft, ApprovalAction.Submit, role, null, yearEnded: false);

        Assert.False(decision.Allowed);
        Assert.Equal(ApprovalRefusal.YearNotEnded, decision.Refusal);
    }

    [Fact]
    public void AnOfficerWithdrawsASubmissionButNotAVerifiedYear()
    {
        Assert.Equal(ApprovalState.Draft, ApprovalRules.Decide(ApprovalState.Submitted, ApprovalAction.Withdraw, ApprovalRole.OwnOfficer, null).Next);
        Assert.Equal(ApprovalRefusal.WrongState, ApprovalRules.Decide(ApprovalState.Verified, ApprovalAction.Withdraw, ApprovalRole.OwnOfficer, null).Refusal);
        Assert.Equal(ApprovalRefusal.NotAllowed, ApprovalRules.Decide(ApprovalState.Submitted, ApprovalAction.Withdraw, ApprovalRole.OtherOfficer, null).Refusal);
    }

    [Theory]
    [InlineData(ApprovalState.Draft, null, null, ApprovalStanding.Draft)]
    [InlineData(ApprovalState.Draft, "The June meeting has no attendance.", ApprovalAction.Return, ApprovalStanding.Returned)]
    [InlineData(ApprovalState.Draft, "A late meeting was reported.", ApprovalAction.Reopen, ApprovalStanding.Reopened)]
    [InlineData(ApprovalState.Submitted, null, null, ApprovalStanding.Submitted)]
    [InlineData(ApprovalState.Locked, null, null, ApprovalStanding.Locked)]
    public void ADraftWithAReasonIsNamedForTheStepThatGaveIt(ApprovalState state, string? reason, ApprovalAction? from, ApprovalStanding expected) =>
        Assert.Equal(expected, ApprovalRules.Standing(state, reason, from));
}
