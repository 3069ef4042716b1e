using McscMonitor.Core.Indicators;

namespace McscMonitor.Core.Approval;

/// <summary>One thing a council or its officer should see to, as a message key of the page texts and its values.</summary>
public sealed record DueItem(string Key, IReadOnlyList<(string Name, object? Value)> Values);

/// <summary>
/// What needs doing, worked out from a municipality's figures for the year in progress and the
/// state of last year's data, on a given day (the clock is the caller's, so tests fix it).
/// </summary>
public static class WhatIsDue
{
    /// <param name="current">The indicators of the year in progress (<paramref name="today"/>'s year).</param>
    /// <param name="minimum">The rulebook's required meetings a year.</param>
    /// <param name="lastYear">The approval of the year before: a draft is still to be submitted, a reason says why it came back.</param>
    public static IReadOnlyList<DueItem> For(
        MunicipalityIndicators current, int minimum, DateOnly today, ApprovalState lastYearState, string? lastYearReason)
    {
        var due = new List<DueItem>();
        if (!current.CouncilEstablished)
        {
            due.Add(new DueItem("due.noCouncil", []));
        }
        else
        {
            var expected = ExpectedByNow(minimum, today);
            var held = current.MeetingsHeld ?? 0;
            if (held < expected)
                due.Add(new DueItem("due.behindPace", [("held", held), ("expected", expected), ("minimum", minimum)]));
            if (current.WorkPlanAddressesNonMajority is null) due.Add(new DueItem("due.noWorkPlan", []));
            if (current.Compensation is null) due.Add(new DueItem("due.noCompensation", []));
        }
        if (lastYearState == ApprovalState.Draft)
            due.Add(lastYearReason is null
                ? new DueItem("due.notSubmitted", [("year", today.Year - 1)])
                : new DueItem("due.sentBack", [("year", today.Year - 1), ("reason", lastYearReason)]));
        return due;
    }

    /// <summary>Meetings a council on pace has held by the end of the last full month: 6 a year is 3 by the end of June.</summary>
    public static int ExpectedByNow(int minimum, DateOnly today) => minimum * (today.Month - 1) / 12;
}
