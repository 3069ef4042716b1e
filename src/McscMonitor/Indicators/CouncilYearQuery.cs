using McscMonitor.Core.Domain;
using McscMonitor.Core.Indicators;
using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Indicators;

/// <summary>
/// Every council's year counted by the database: what <see cref="CouncilYear.Of"/> counts in
/// memory, as one aggregate query per kind of record, so a year's indicators read a few hundred
/// rows however many meetings and members are stored. A property test holds the two equal.
/// </summary>
internal static class CouncilYearQuery
{
    /// <summary>Each council's count for every year from <paramref name="first"/> to <paramref name="last"/>, by (year, council id).</summary>
    /// <remarks>
    /// One pair of aggregates per year rather than one grouped by year: each reads the date index
    /// for its own year, where grouping by a year computed from the date costs a function call per
    /// meeting (on SQLite, four times the whole year's query).
    /// </remarks>
    /// <param name="only">The councils to count.</param>
    public static async Task<Dictionary<(int Year, int CouncilId), CouncilYear>> CountAsync(
        McscDbContext db, int first, int last, CouncilScope only, CancellationToken cancellationToken)
    {
        var counted = new Dictionary<(int Year, int CouncilId), CouncilYear>();
        IQueryable<Meeting> allMeetings = db.Meetings;
        IQueryable<Member> allMembers = db.Members;
        IQueryable<WorkPlan> allPlans = db.WorkPlans;
        if (only.Ids is { } ids)
        {
            allMeetings = allMeetings.Where(meeting => ids.Contains(meeting.CouncilId));
            allMembers = allMembers.Where(member => ids.Contains(member.CouncilId));
            allPlans = allPlans.Where(plan => ids.Contains(plan.CouncilId));
        }
        else if (only.Councils is { } councils)
        {
            allMeetings = allMeetings.Where(meeting => councils.Any(council => council.Id == meeting.CouncilId));
            allMembers = allMembers.Where(member => councils.Any(council => council.Id == member.CouncilId));
            allPlans = allPlans.Where(plan => councils.Any(council => council.Id == plan.CouncilId));
        }
        var plans = await allPlans.AsNoTracking().Where(plan => plan.Year >= first && plan.Year <= last)
            .ToDictionaryAsync(plan => (plan.Year, plan.CouncilId), cancellationToken);
        for (var year = first; year <= last; year++)
        {
            var yearStart = new DateOnly(year, 1, 1);
            var yearEnd = new DateOnly(year, 12, 31);
            var meetings = await allMeetings
                .Where(meeting => meeting.Date >= yearStart && meeting.Date <= yearEnd)
                .GroupBy(meeting => meeting.CouncilId)
                .Select(group => new
                {
                    CouncilId = group.Key,
                    Recorded = group.Count(),
                    Held = group.Count(meeting => meeting.Status == MeetingStatus.Held),
                    Discussing = group.Count(meeting => meeting.Status == MeetingStatus.Held
                        && (meeting.DiscussedSecurityIncidents == true || meeting.DiscussedNonMajorityConcerns == true)),
                })
                .ToDictionaryAsync(row => row.CouncilId, cancellationToken);
            // Every member whose service overlaps the year, in one statement: those serving on 31 December are counted,
            // and any at all makes the council's membership known for the year.
            var overlapping = (await allMembers
                .Where(member => member.AppointedOn <= yearEnd && (member.LeftOn == null || member.LeftOn >= yearStart))
                .GroupBy(member => new
                {
                    member.CouncilId, Serving = member.LeftOn == null || member.LeftOn >= yearEnd, Community = member.Community ?? member.ErasedCountedCommunity,
                    member.Gender, member.ErasedCountedAsWoman, member.ErasedCountedAsNonMajority,
                })
                .Select(group => new
                {
                    group.Key.CouncilId, group.Key.Serving, group.Key.Community, group.Key.Gender, group.Key.ErasedCountedAsWoman, group.Key.ErasedCountedAsNonMajority,
                    Count = group.Count(),
                })
                .ToListAsync(cancellationToken));
            var members = overlapping.Where(row => row.Serving)
                .ToLookup(row => row.CouncilId, row => new MemberGroup(row.Community, row.Gender, row.ErasedCountedAsWoman, row.ErasedCountedAsNonMajority, row.Count));
            var withMembers = overlapping.Select(row => row.CouncilId).ToHashSet();
            var councils = meetings.Keys.Concat(withMembers).Concat(plans.Keys.Where(key => key.Year == year).Select(key => key.CouncilId));
            foreach (var id in councils.Distinct())
            {
                var held = meetings.GetValueOrDefault(id);
                counted[(year, id)] = new CouncilYear(held?.Recorded ?? 0, held?.Held ?? 0, held?.Discussing ?? 0, [.. members[id]], plans.GetValueOrDefault((year, id)),
                    MembersRecorded: withMembers.Contains(id));
            }
        }
        return counted;
    }
}

/// <summary>
/// Which councils a count keeps: a few known ids (Kosovo's, an IN list each statement seeks by),
/// or a query of many (a synthetic data set's tens of thousands, joined); or every council there is.
/// </summary>
internal sealed record CouncilScope(IReadOnlyList<int>? Ids, IQueryable<Council>? Councils)
{
    public static readonly CouncilScope Every = new(null, null);
}
