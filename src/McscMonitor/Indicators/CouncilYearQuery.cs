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
        var ids = only.Ids;
        var ofSyntheticUnits = only.OfSyntheticUnits;
        var plans = await PlansOf.For(db)(db, ids, ofSyntheticUnits, first, last)
            .ToDictionaryAsync(plan => (plan.Year, plan.CouncilId), cancellationToken: cancellationToken);
        for (var year = first; year <= last; year++)
        {
            var yearStart = new DateOnly(year, 1, 1);
            var yearEnd = new DateOnly(year, 12, 31);
            var meetings = await MeetingsOf.For(db)(db, ids, ofSyntheticUnits, yearStart, yearEnd)
                .ToDictionaryAsync(row => row.CouncilId, cancellationToken: cancellationToken);
            var overlapping = await MembersOf.For(db)(db, ids, ofSyntheticUnits, yearStart, yearEnd).ToListAsync(cancellationToken);
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

    // Compiled once: a year's statements are the same few on every request, and EF Core otherwise
    // walks and looks up each query's expression on every run (a small statement on PostgreSQL:
    // 217 µs as LINQ, 132 µs compiled, 91 µs by hand; StatementBenchmarks). The scope is two parameters: a null one filters nothing (EF Core leaves
    // its condition out of the SQL it sends), so every scope is one compiled query.

    private static readonly CompiledPerModel<Func<McscDbContext, int[]?, bool?, int, int, IAsyncEnumerable<WorkPlan>>> PlansOf = new(() => EF.CompileAsyncQuery(
        (McscDbContext db, int[]? ids, bool? ofSyntheticUnits, int first, int last) => db.WorkPlans.AsNoTracking()
            .Where(plan => (ids == null || ids.Contains(plan.CouncilId))
                && (ofSyntheticUnits == null || db.Councils.Any(council => council.Id == plan.CouncilId
                    && db.Municipalities.Any(unit => unit.Code == council.MunicipalityCode && unit.Synthetic == ofSyntheticUnits))))
            .Where(plan => plan.Year >= first && plan.Year <= last)));

    private static readonly CompiledPerModel<Func<McscDbContext, int[]?, bool?, DateOnly, DateOnly, IAsyncEnumerable<MeetingCount>>> MeetingsOf = new(() => EF.CompileAsyncQuery(
        (McscDbContext db, int[]? ids, bool? ofSyntheticUnits, DateOnly yearStart, DateOnly yearEnd) => db.Meetings
            .Where(meeting => (ids == null || ids.Contains(meeting.CouncilId))
                && (ofSyntheticUnits == null || db.Councils.Any(council => council.Id == meeting.CouncilId
                    && db.Municipalities.Any(unit => unit.Code == council.MunicipalityCode && unit.Synthetic == ofSyntheticUnits))))
            .Where(meeting => meeting.Date >= yearStart && meeting.Date <= yearEnd)
            .GroupBy(meeting => meeting.CouncilId)
            .Select(group => new MeetingCount(
                group.Key,
                group.Count(),
                group.Count(meeting => meeting.Status == MeetingStatus.Held),
                group.Count(meeting => meeting.Status == MeetingStatus.Held
                    && (meeting.DiscussedSecurityIncidents == true || meeting.DiscussedNonMajorityConcerns == true))))));

    /// <summary>
    /// Every member whose service overlaps the year, in one statement: those serving on 31 December
    /// are counted, and any at all makes the council's membership known for the year.
    /// </summary>
    private static readonly CompiledPerModel<Func<McscDbContext, int[]?, bool?, DateOnly, DateOnly, IAsyncEnumerable<MemberCount>>> MembersOf = new(() => EF.CompileAsyncQuery(
        (McscDbContext db, int[]? ids, bool? ofSyntheticUnits, DateOnly yearStart, DateOnly yearEnd) => db.Members
            .Where(member => (ids == null || ids.Contains(member.CouncilId))
                && (ofSyntheticUnits == null || db.Councils.Any(council => council.Id == member.CouncilId
                    && db.Municipalities.Any(unit => unit.Code == council.MunicipalityCode && unit.Synthetic == ofSyntheticUnits))))
            .Where(member => member.AppointedOn <= yearEnd && (member.LeftOn == null || member.LeftOn >= yearStart))
            .GroupBy(member => new
            {
                member.CouncilId, Serving = member.LeftOn == null || member.LeftOn >= yearEnd, Community = member.Community ?? member.ErasedCountedCommunity,
                member.Gender, member.ErasedCountedAsWoman, member.ErasedCountedAsNonMajority,
            })
            .Select(group => new MemberCount(
                group.Key.CouncilId, group.Key.Serving, group.Key.Community, group.Key.Gender, group.Key.ErasedCountedAsWoman,
                group.Key.ErasedCountedAsNonMajority, group.Count()))));

    private sealed record MeetingCount(int CouncilId, int Recorded, int Held, int Discussing);

    private sealed record MemberCount(
        int CouncilId, bool Serving, Community? Community, Gender Gender, bool? ErasedCountedAsWoman, bool? ErasedCountedAsNonMajority, int Count);
}

/// <summary>
/// Which councils a count keeps: a few known ids (Kosovo's, an IN list each statement seeks by),
/// those of the synthetic units (a data set's tens of thousands, joined through their units), or every council there is.
/// </summary>
internal sealed record CouncilScope(int[]? Ids, bool? OfSyntheticUnits)
{
    public static readonly CouncilScope Every = new(null, null);
}
