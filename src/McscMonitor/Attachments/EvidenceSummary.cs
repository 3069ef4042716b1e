using McscMonitor.Data;
using McscMonitor.Records;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Attachments;

/// <summary>How many of a year's records of one type have a file attached: "12 of 14 held meetings".</summary>
/// <param name="Kind">The record type's text prefix (<c>council</c>, <c>meeting</c>, <c>workPlan</c>, <c>compensation</c>).</param>
public sealed record EvidenceCount(string Kind, int WithEvidence, int Records);

/// <summary>A record of the year with no file attached, with the date or year that names it.</summary>
public sealed record RecordWithoutEvidence(string Kind, string Path, int Id, DateOnly? Date, int Year);

/// <summary>A municipality's evidence for a year: the counts by record type and the records that have none.</summary>
public sealed record EvidenceSummary(IReadOnlyList<EvidenceCount> Counts, IReadOnlyList<RecordWithoutEvidence> Missing)
{
    public static readonly EvidenceSummary Empty = new([], []);

    /// <summary>Held meetings without a file: what `Approval:EvidenceRequired` refuses to verify.</summary>
    public IEnumerable<RecordWithoutEvidence> MeetingsWithoutMinutes => Missing.Where(record => record.Kind == RecordDefinitions.Meetings.TextPrefix);
}

/// <summary>
/// Which of a year's records have evidence, for the municipality page, the approval overview and
/// verification. The records that call for a document are the council that sat in the year, its
/// held meetings (planned or cancelled ones have no minutes), the year's work plan and compensation.
/// Independent of the rulebook: evidence says whether a record can be checked, not whether it meets a rule.
/// </summary>
public static class EvidenceQuery
{
    /// <summary>
    /// Every municipality's counts for a year, counted in the database: the approval overview
    /// needs no record's id, and a year may hold a hundred thousand meetings.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<EvidenceCount>>> CountsForYearAsync(
        McscDbContext db, int year, CancellationToken cancellationToken)
    {
        var (start, end) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var (councilPath, meetingPath, planPath, compensationPath) =
            (RecordDefinitions.Councils.Path, RecordDefinitions.Meetings.Path, RecordDefinitions.WorkPlans.Path, RecordDefinitions.Compensation.Path);
        var councils = db.Councils.AsNoTracking().Where(c => c.EstablishedOn <= end && !(c.DissolvedOn < start));
        var evidenced = new[]
        {
            (RecordDefinitions.Councils.TextPrefix, councils.Select(c => new Evidenced
            {
                Code = c.MunicipalityCode, HasFile = db.Attachments.Any(a => a.RecordPath == councilPath && a.RecordId == c.Id),
            })),
            (RecordDefinitions.Meetings.TextPrefix, db.Meetings.AsNoTracking()
                .Where(m => m.Date >= start && m.Date <= end && m.Status == Core.Domain.MeetingStatus.Held)
                .Join(councils, m => m.CouncilId, c => c.Id, (m, c) => new Evidenced
                {
                    Code = c.MunicipalityCode, HasFile = db.Attachments.Any(a => a.RecordPath == meetingPath && a.RecordId == m.Id),
                })),
            (RecordDefinitions.WorkPlans.TextPrefix, db.WorkPlans.AsNoTracking().Where(w => w.Year == year)
                .Join(councils, w => w.CouncilId, c => c.Id, (w, c) => new Evidenced
                {
                    Code = c.MunicipalityCode, HasFile = db.Attachments.Any(a => a.RecordPath == planPath && a.RecordId == w.Id),
                })),
            (RecordDefinitions.Compensation.TextPrefix, db.Compensation.AsNoTracking().Where(c => c.Year == year).Select(c => new Evidenced
            {
                Code = c.MunicipalityCode, HasFile = db.Attachments.Any(a => a.RecordPath == compensationPath && a.RecordId == c.Id),
            })),
        };
        var counts = new List<(string Code, EvidenceCount Count)>();
        foreach (var (kind, records) in evidenced)
            counts.AddRange((await records.GroupBy(r => r.Code)
                    .Select(g => new { Code = g.Key, With = g.Count(r => r.HasFile), Total = g.Count() }).ToListAsync(cancellationToken))
                .Select(g => (g.Code, new EvidenceCount(kind, g.With, g.Total))));
        return counts.GroupBy(c => c.Code).ToDictionary(g => g.Key, g => (IReadOnlyList<EvidenceCount>)g.Select(c => c.Count).ToList());
    }

    /// <summary>A record's municipality and whether it has a file, as the database counts them.</summary>
    private sealed class Evidenced
    {
        public required string Code { get; init; }
        public bool HasFile { get; init; }
    }

    /// <summary>One municipality's year: the counts and the records without evidence, by id.</summary>
    public static async Task<EvidenceSummary> ForMunicipalityYearAsync(McscDbContext db, string municipality, int year, CancellationToken cancellationToken)
    {
        var (start, end) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var council = await db.Councils.AsNoTracking()
            .Where(c => c.MunicipalityCode == municipality && c.EstablishedOn <= end && !(c.DissolvedOn < start))
            .Select(c => new { c.Id, c.EstablishedOn }).FirstOrDefaultAsync(cancellationToken);
        var councilId = council?.Id ?? 0;
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.CouncilId == councilId && m.Date >= start && m.Date <= end && m.Status == Core.Domain.MeetingStatus.Held)
            .OrderBy(m => m.Date).Select(m => new { m.Id, m.Date }).ToListAsync(cancellationToken);
        var plans = await db.WorkPlans.AsNoTracking().Where(w => w.CouncilId == councilId && w.Year == year).Select(w => w.Id).ToListAsync(cancellationToken);
        var compensation = await db.Compensation.AsNoTracking().Where(c => c.MunicipalityCode == municipality && c.Year == year).Select(c => c.Id)
            .ToListAsync(cancellationToken);
        var attached = (await db.Attachments.AsNoTracking().Where(a => a.MunicipalityCode == municipality)
                .Select(a => new { a.RecordPath, a.RecordId }).Distinct().ToListAsync(cancellationToken))
            .Select(a => (a.RecordPath, a.RecordId)).ToHashSet();
        return Summarize(
            (council is null ? [] : new[] { Council(council.Id, council.EstablishedOn, year) })
                .Concat(meetings.Select(m => Meeting(m.Id, m.Date)))
                .Concat(plans.Select(id => WorkPlan(id, year)))
                .Concat(compensation.Select(id => Compensation(id, year))),
            attached);
    }

    /// <summary>
    /// A year's records that call for a document, counted against the ones that have one: for a
    /// page that has already read the records (the municipality page) as for the query above.
    /// </summary>
    public static EvidenceSummary Summarize(IEnumerable<RecordWithoutEvidence> records, IReadOnlySet<(string Path, int Id)> attached)
    {
        var all = records.ToList();
        return new EvidenceSummary(
            all.GroupBy(r => r.Kind).Select(kind => new EvidenceCount(kind.Key, kind.Count(r => attached.Contains((r.Path, r.Id))), kind.Count())).ToList(),
            all.Where(r => !attached.Contains((r.Path, r.Id))).ToList());
    }

    public static RecordWithoutEvidence Council(int id, DateOnly establishedOn, int year) =>
        new(RecordDefinitions.Councils.TextPrefix, RecordDefinitions.Councils.Path, id, establishedOn, year);

    /// <summary>A held meeting; planned and cancelled ones call for no minutes.</summary>
    public static RecordWithoutEvidence Meeting(int id, DateOnly date) =>
        new(RecordDefinitions.Meetings.TextPrefix, RecordDefinitions.Meetings.Path, id, date, date.Year);

    public static RecordWithoutEvidence WorkPlan(int id, int year) => new(RecordDefinitions.WorkPlans.TextPrefix, RecordDefinitions.WorkPlans.Path, id, null, year);

    public static RecordWithoutEvidence Compensation(int id, int year) =>
        new(RecordDefinitions.Compensation.TextPrefix, RecordDefinitions.Compensation.Path, id, null, year);
}
