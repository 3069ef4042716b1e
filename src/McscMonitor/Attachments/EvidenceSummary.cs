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
    /// <param name="municipality">One municipality, or null for all of them.</param>
    public static async Task<IReadOnlyDictionary<string, EvidenceSummary>> ForYearAsync(
        McscDbContext db, int year, string? municipality, CancellationToken cancellationToken)
    {
        var (start, end) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var councils = await db.Councils.AsNoTracking()
            .Where(c => (municipality == null || c.MunicipalityCode == municipality) && c.EstablishedOn <= end && !(c.DissolvedOn < start))
            .Select(c => new { c.Id, c.MunicipalityCode, c.EstablishedOn }).ToListAsync(cancellationToken);
        var councilIds = councils.Select(c => c.Id).ToList();
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => councilIds.Contains(m.CouncilId) && m.Date >= start && m.Date <= end && m.Status == Core.Domain.MeetingStatus.Held)
            .OrderBy(m => m.Date).Select(m => new { m.Id, m.CouncilId, m.Date }).ToListAsync(cancellationToken);
        var plans = await db.WorkPlans.AsNoTracking().Where(w => councilIds.Contains(w.CouncilId) && w.Year == year)
            .Select(w => new { w.Id, w.CouncilId }).ToListAsync(cancellationToken);
        var compensation = await db.Compensation.AsNoTracking()
            .Where(c => (municipality == null || c.MunicipalityCode == municipality) && c.Year == year)
            .Select(c => new { c.Id, c.MunicipalityCode }).ToListAsync(cancellationToken);
        var attached = (await db.Attachments.AsNoTracking().Where(a => municipality == null || a.MunicipalityCode == municipality)
                .Select(a => new { a.RecordPath, a.RecordId }).Distinct().ToListAsync(cancellationToken))
            .Select(a => (a.RecordPath, a.RecordId)).ToHashSet();
        var municipalityOf = councils.ToDictionary(c => c.Id, c => c.MunicipalityCode);

        IEnumerable<(string Code, RecordWithoutEvidence Record)> records = councils.Select(c => (c.MunicipalityCode, Council(c.Id, c.EstablishedOn, year)))
            .Concat(meetings.Select(m => (municipalityOf[m.CouncilId], Meeting(m.Id, m.Date))))
            .Concat(plans.Select(w => (municipalityOf[w.CouncilId], WorkPlan(w.Id, year))))
            .Concat(compensation.Select(c => (c.MunicipalityCode, Compensation(c.Id, year))));
        return records.GroupBy(r => r.Code).ToDictionary(group => group.Key, group => Summarize(group.Select(r => r.Record), attached));
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

    public static async Task<EvidenceSummary> ForMunicipalityYearAsync(McscDbContext db, string municipality, int year, CancellationToken cancellationToken) =>
        (await ForYearAsync(db, year, municipality, cancellationToken)).GetValueOrDefault(municipality) ?? EvidenceSummary.Empty;
}
