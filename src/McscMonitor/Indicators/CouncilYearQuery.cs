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
    public static async Task<Dictionary<int, CouncilYear>> CountAsync(McscDbContext db, int year, CancellationToken cancellationToken)
    {
        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new DateOnly(year, 12, 31);
        var meetings = await db.Meetings
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
        var members = (await db.Members
            .Where(member => member.AppointedOn <= yearEnd && (member.LeftOn == null || member.LeftOn >= yearEnd))
            .GroupBy(member => new { member.CouncilId, member.Community, member.Gender, member.ErasedCountedAsWoman, member.ErasedCountedAsNonMajority })
            .Select(group => new { group.Key.CouncilId, group.Key.Community, group.Key.Gender, group.Key.ErasedCountedAsWoman, group.Key.ErasedCountedAsNonMajority, Count = group.Count() })
            .ToListAsync(cancellationToken))
            .ToLookup(row => row.CouncilId, row => new MemberGroup(row.Community, row.Gender, row.ErasedCountedAsWoman, row.ErasedCountedAsNonMajority, row.Count));
        var plans = await db.WorkPlans.AsNoTracking().Where(plan => plan.Year == year).ToDictionaryAsync(plan => plan.CouncilId, cancellationToken);

        return meetings.Keys.Concat(members.Select(group => group.Key)).Concat(plans.Keys).Distinct().ToDictionary(id => id, id =>
        {
            var counted = meetings.GetValueOrDefault(id);
            return new CouncilYear(counted?.Recorded ?? 0, counted?.Held ?? 0, counted?.Discussing ?? 0, [.. members[id]], plans.GetValueOrDefault(id));
        });
    }
}
