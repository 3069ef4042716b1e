namespace McscMonitor.Core.Indicators;

/// <summary>
/// Statistical disclosure control for published figures: in a council of a dozen members, a
/// count of one or two non-majority members, or a community with one member, points at a
/// person and their ethnicity. Public outputs show such counts as "fewer than N" and leave
/// such communities out; signed-in monitors see the exact figures.
/// </summary>
public static class Disclosure
{
    public const int DefaultMinimumCount = 3;

    public static YearIndicators Protect(YearIndicators indicators, int minimumCount) => indicators with
    {
        Municipalities = indicators.Municipalities.Select(m => m with { Members = Protect(m.Members, m.Municipality, minimumCount) }).ToList(),
    };

    public static MemberSummary Protect(MemberSummary members, Domain.Municipality municipality, int minimumCount)
    {
        var communities = members.Communities
            .Where(c => !municipality.IsNonMajority(c.Community) || c.Members >= minimumCount)
            .ToList();
        return members.NonMajority is > 0 and var count && count < minimumCount
            ? members with { NonMajority = null, WithheldBelow = minimumCount, Communities = communities }
            : members with { Communities = communities };
    }
}
