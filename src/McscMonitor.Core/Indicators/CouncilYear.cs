using McscMonitor.Core.Domain;

namespace McscMonitor.Core.Indicators;

/// <summary>
/// All the engine reads of one council for one year, already counted: its meetings of the year,
/// its members serving on 31 December in groups that count alike, and its work plan for the year.
/// <see cref="Of"/> counts them from records in memory, which is the reference definition; the
/// app counts the same in the database, with one aggregate query per kind of record.
/// </summary>
/// <param name="MembersRecorded">Whether any member's service overlaps the year: then membership is known, even if no one serves on 31 December.</param>
public sealed record CouncilYear(
    int MeetingsRecorded, int MeetingsHeld, int MeetingsHeldDiscussing, IReadOnlyList<MemberGroup> Members, WorkPlan? Plan, bool MembersRecorded = false)
{
    public static readonly CouncilYear Empty = new(0, 0, 0, [], null);

    public static CouncilYear Of(Council council, int year)
    {
        var meetings = council.Meetings.Where(meeting => meeting.Date.Year == year).ToList();
        var held = meetings.Where(meeting => meeting.Status == MeetingStatus.Held).ToList();
        var yearEnd = new DateOnly(year, 12, 31);
        var members = council.Members.Where(member => member.IsServingOn(yearEnd))
            .GroupBy(member => (Community: member.CountedCommunity, member.Gender, member.ErasedCountedAsWoman, member.ErasedCountedAsNonMajority))
            .Select(group => new MemberGroup(group.Key.Community, group.Key.Gender, group.Key.ErasedCountedAsWoman, group.Key.ErasedCountedAsNonMajority, group.Count()))
            .ToList();
        return new CouncilYear(meetings.Count, held.Count, held.Count(meeting => meeting.DiscussedSecurityOrNonMajority), members,
            council.WorkPlans.FirstOrDefault(plan => plan.Year == year),
            MembersRecorded: council.Members.Any(member => member.AppointedOn <= yearEnd && !(member.LeftOn < new DateOnly(year, 1, 1))));
    }
}

/// <summary>Members alike in everything the indicators count of them, and how many they are.</summary>
public sealed record MemberGroup(Community? Community, Gender Gender, bool? ErasedCountedAsWoman, bool? ErasedCountedAsNonMajority, int Count)
{
    public bool CountsAsWoman => IsWoman(ErasedCountedAsWoman, Gender);

    public bool CountsAsNonMajority(Municipality municipality) => IsNonMajority(ErasedCountedAsNonMajority, Community, municipality);

    /// <summary>An erased member counts as they counted before erasure; anyone else by the gender recorded.</summary>
    public static bool IsWoman(bool? erasedCountedAsWoman, Gender gender) => erasedCountedAsWoman ?? gender == Gender.Female;

    /// <summary>An erased member counts as they counted before erasure; anyone else by their community against the municipality's majority.</summary>
    public static bool IsNonMajority(bool? erasedCountedAsNonMajority, Community? community, Municipality municipality) =>
        erasedCountedAsNonMajority ?? (community is { } known && municipality.IsNonMajority(known));
}
