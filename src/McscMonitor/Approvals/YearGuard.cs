using McscMonitor.Core.Approval;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.ReferenceData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace McscMonitor.Approvals;

/// <summary>A change refused because it alters a municipality-year that is submitted, verified or locked.</summary>
public sealed class YearNotEditableException(string municipalityCode, int year, ApprovalState state)
    : Exception(Describe(municipalityCode, year, state))
{
    public string MunicipalityCode { get; } = municipalityCode;
    public int Year { get; } = year;
    public ApprovalState State { get; } = state;

    /// <summary>The ProblemDetails type that names the state, for scripts to act on.</summary>
    public string ProblemType => $"/problems/year-{Codes<ApprovalState>.ToCode(State)}";

    public static string Describe(string municipalityCode, int year, ApprovalState state) =>
        Messages.Format("yearNotEditable",
            ("name", ReferenceCatalog.Municipalities.FirstOrDefault(m => m.Code == municipalityCode)?.Name(Messages.Current.Language) ?? municipalityCode),
            ("year", year), ("state", Messages.Current[$"state.{Codes<ApprovalState>.ToCode(state)}"]));
}

/// <summary>
/// Every save passes here: a change to a record that alters a year which is not a draft any
/// more (<see cref="YearContribution"/>) is refused, however it arrives — form, API, import or CLI.
/// </summary>
internal static class YearGuard
{
    public static async Task RefuseChangesToClosedYearsAsync(McscDbContext db, CancellationToken cancellationToken)
    {
        var changes = db.ChangeTracker.Entries<EditableRecord>()
            .Where(entry => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (changes.Count == 0) return;
        var closed = await db.Approvals.AsNoTracking().Where(a => a.State != ApprovalState.Draft).ToListAsync(cancellationToken);
        if (closed.Count == 0) return;

        var councils = await CouncilMunicipalitiesAsync(db, changes, cancellationToken);
        foreach (var entry in changes)
        {
            var before = entry.State == EntityState.Added ? null : entry.OriginalValues.ToObject();
            var after = entry.State == EntityState.Deleted ? null : entry.Entity;
            foreach (var municipality in new[] { MunicipalityOf(before, councils), MunicipalityOf(after, councils) }.Distinct())
                foreach (var year in closed.Where(a => a.MunicipalityCode == municipality))
                    if (YearContribution.Alters(before, after, year.Year))
                        throw new YearNotEditableException(year.MunicipalityCode, year.Year, year.State);
        }
    }

    public static string? MunicipalityOf(object? record, IReadOnlyDictionary<int, string> councils) => record switch
    {
        Council council => council.MunicipalityCode,
        Compensation compensation => compensation.MunicipalityCode,
        Member member => councils.GetValueOrDefault(member.CouncilId),
        Meeting meeting => councils.GetValueOrDefault(meeting.CouncilId),
        WorkPlan plan => councils.GetValueOrDefault(plan.CouncilId),
        _ => null,
    };

    private static async Task<Dictionary<int, string>> CouncilMunicipalitiesAsync(
        McscDbContext db, List<EntityEntry<EditableRecord>> changes, CancellationToken cancellationToken)
    {
        var map = db.ChangeTracker.Entries<Council>().ToDictionary(e => e.Entity.Id, e => e.Entity.MunicipalityCode);
        var wanted = changes.Select(e => e.Entity switch { Member m => m.CouncilId, Meeting m => m.CouncilId, WorkPlan w => w.CouncilId, _ => 0 })
            .Where(id => id > 0 && !map.ContainsKey(id)).Distinct().ToList();
        if (wanted.Count > 0)
            foreach (var council in await db.Councils.AsNoTracking().Where(c => wanted.Contains(c.Id)).Select(c => new { c.Id, c.MunicipalityCode }).ToListAsync(cancellationToken))
                map[council.Id] = council.MunicipalityCode;
        return map;
    }
}
