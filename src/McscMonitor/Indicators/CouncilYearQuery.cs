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
    public static async Task<Dictionary<(int Year, int CouncilId), CouncilYear>> CountAsync(
        McscDbContext db, int first, int last, CancellationToken cancellationToken)
    {
        var rangeStart = new DateOnly(first, 1, 1);
        var rangeEnd = new DateOnly(last, 12, 31);
        var meetings = await db.Meetings
            .Where(meeting => meeting.Date >= rangeStart && meeting.Date <= rangeEnd)
            .GroupBy(meeting => new { meeting.Date.Year, meeting.CouncilId })
            .Select(group => new
            {
                group.Key.Year,
                group.Key.CouncilId,
                Recorded = group.Count(),
                Held = group.Count(meeting => meeting.Status == MeetingStatus.Held),
                Discussing = group.Count(meeting => meeting.Status == MeetingStatus.Held
                    && (meeting.DiscussedSecurityIncidents == true || meeting.DiscussedNonMajorityConcerns == true)),
            })
            .ToDictionaryAsync(row => (row.Year, row.CouncilId), cancellationToken);
        // Who serves on 31 December is a different cut each year: one small grouped query per year.
        var members = new List<(int Year, int CouncilId, MemberGroup Group)>();
        for (var year = first; year <= last; year++)
        {
            var yearEnd = new DateOnly(year, 12, 31);
            members.AddRange((await db.Members
                .Where(member => member.AppointedOn <= yearEnd && (member.LeftOn == null || member.LeftOn >= yearEnd))
                .GroupBy(member => new { member.CouncilId, member.Community, member.Gender, member.ErasedCountedAsWoman, member.ErasedCountedAsNonMajority })
                .Select(group => new { group.Key.CouncilId, group.Key.Community, group.Key.Gender, group.Key.ErasedCountedAsWoman, group.Key.ErasedCountedAsNonMajority, Count = group.Count() })
                .ToListAsync(cancellationToken))
                .Select(row => (year, row.CouncilId, new MemberGroup(row.Community, row.Gender, row.ErasedCountedAsWoman, row.ErasedCountedAsNonMajority, row.Count))));
        }
        var serving = members.ToLookup(row => (row.Year, row.CouncilId), row => row.Group);
        var plans = await db.WorkPlans.AsNoTracking().Where(plan => plan.Year >= first && plan.Year <= last)
            .ToDictionaryAsync(plan => (plan.Year, plan.CouncilId), cancellationToken);

        return meetings.Keys.Concat(serving.Select(group => group.Key)).Concat(plans.Keys).Distinct().ToDictionary(key => key, key =>
        {
            var counted = meetings.GetValueOrDefault(key);
            return new CouncilYear(counted?.Recorded ?? 0, counted?.Held ?? 0, counted?.Discussing ?? 0, [.. serving[key]], plans.GetValueOrDefault(key));
        });
    }
}
