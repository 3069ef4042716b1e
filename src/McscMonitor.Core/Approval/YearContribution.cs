using McscMonitor.Core.Domain;

namespace McscMonitor.Core.Approval;

/// <summary>
/// What a record says about one year, so that a change can be tested against the years it
/// touches: a change alters year Y when the record's contribution to Y before the change
/// differs from its contribution after. A meeting, work plan or compensation record belongs
/// to its year; a member to the years they served in; a council to the years it existed.
/// Erasing a member's personal data keeps what they count as, so it alters no year.
/// </summary>
public static class YearContribution
{
    public static object? Of(object? record, int year)
    {
        // A year no record can fall in (approval years are bounded, but a stored one may predate that).
        if (year is < YearBounds.First or > YearBounds.Last) return null;
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        return record switch
        {
            Meeting m when m.Date.Year == year =>
                (m.Date, m.Status, m.Attendees, m.WomenAttendees, m.DiscussedSecurityIncidents, m.DiscussedNonMajorityConcerns, m.MinutesKept),
            WorkPlan w when w.Year == year => (w.AdoptedOn, w.AddressesNonMajorityConcerns),
            Compensation c when c.Year == year => (c.Status, c.AmountPerMeetingEur),
            Member m when m.AppointedOn <= end && !(m.LeftOn < start) =>
                (m.MemberRef, m.Role, m.IsServingOn(end), m.CountsAsWoman, m.CountedCommunity, m.ErasedCountedAsNonMajority),
            Council c when c.IsEstablishedIn(year) => (c.EstablishedOn, c.DissolvedOn, c.AssemblyDecision),
            _ => null,
        };
    }

    /// <summary>Whether changing <paramref name="before"/> into <paramref name="after"/> (null: created or deleted) alters the year.</summary>
    public static bool Alters(object? before, object? after, int year)
    {
        // Erasure replaces a member's data but not what they count as: it alters no year.
        if (before is Member { ErasedAtUtc: null } && after is Member { ErasedAtUtc: not null }) return false;
        return !Equals(Of(before, year), Of(after, year));
    }
}
