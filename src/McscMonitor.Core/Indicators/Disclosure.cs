using McscMonitor.Core.Rules;

namespace McscMonitor.Core.Indicators;

/// <summary>
/// Statistical disclosure control for published figures (DESIGN §7): no reader may learn which
/// community a member belongs to. In public outputs a non-majority count of 1 or 2 shows as
/// "fewer than 3"; in a council with fewer than 3 members serving, every community figure (the
/// non-majority count, the communities, the non-majority gap) is withheld, since with one or two
/// members "fewer than 3" or a short list points at a person; communities with fewer than 3
/// members are left out of the list, which says so; and a municipality whose community figures
/// a published version withheld keeps them withheld in that year's later versions, so that two
/// versions cannot be subtracted. A known 0 (no non-majority member among 3 or more) is
/// published: it is a fact about the institution. Signed-in monitors see the exact figures.
/// </summary>
public static class Disclosure
{
    public const int DefaultMinimumCount = 3;

    /// <param name="withheldBefore">Municipalities whose community figures an earlier published version of the year withheld.</param>
    public static YearIndicators Protect(YearIndicators indicators, int minimumCount, IReadOnlySet<string>? withheldBefore = null) => indicators with
    {
        Municipalities = indicators.Municipalities.Select(m =>
        {
            var members = Protect(m.Members, m.Municipality, minimumCount, withheldBefore?.Contains(m.Municipality.Code) == true);
            return m with { Members = members, Gaps = ProtectGaps(m.Gaps, members, indicators, minimumCount) };
        }).ToList(),
    };

    public static MemberSummary Protect(MemberSummary members, Domain.Municipality municipality, int minimumCount, bool withheldBefore = false)
    {
        // Nothing serving, nothing to hide: a council with no members (or none recorded) says so.
        if (members.Total == 0) return members;
        if (members.Total < minimumCount || withheldBefore)
            return members with { NonMajority = null, WithheldBelow = null, Communities = [], CommunitiesWithheld = true, CommunitiesLeftOut = false };
        var communities = members.Communities.Where(c => c.Members >= minimumCount).ToList();
        var leftOut = communities.Count < members.Communities.Count;
        return members.NonMajority is > 0 and var count && count < minimumCount
            ? members with { NonMajority = null, WithheldBelow = minimumCount, Communities = communities, CommunitiesLeftOut = leftOut }
            : members with { Communities = communities, CommunitiesLeftOut = leftOut };
    }

    /// <summary>Whether a published municipality's community figures were withheld in any way: what later versions must keep withheld.</summary>
    public static bool IsWithheld(MemberSummary members) => members.CommunitiesWithheld || members.WithheldBelow is not null;

    /// <summary>The non-majority gap never prints a withheld count, and is left out where the community figures are withheld altogether.</summary>
    private static IReadOnlyList<Gap> ProtectGaps(IReadOnlyList<Gap> gaps, MemberSummary members, YearIndicators indicators, int minimumCount)
    {
        if (!gaps.Any(gap => gap.Rule == RuleIds.NonMajorityRepresented)) return gaps;
        if (members.CommunitiesWithheld) return gaps.Where(gap => gap.Rule != RuleIds.NonMajorityRepresented).ToList();
        if (members.WithheldBelow is null || indicators.Rules?.Find(RuleIds.NonMajorityRepresented) is not { } rule) return gaps;
        return gaps.Select(gap => gap.Rule == RuleIds.NonMajorityRepresented
            ? gap with { Message = rule.Message(indicators.Language, $"< {minimumCount}") }
            : gap).ToList();
    }
}
