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
        Messages.Format("yearNotEditable", ("name", NameOf(municipalityCode)), ("year", year), ("state", StateOf(state)));

    /// <summary>The municipality's name in the reader's language; its code when it is not one of Kosovo's.</summary>
    public static string NameOf(string municipalityCode) =>
        ReferenceCatalog.Municipalities.FirstOrDefault(m => m.Code == municipalityCode)?.Name(Messages.Current.Language) ?? municipalityCode;

    /// <summary>The state in the reader's words ("submitted").</summary>
    public static string StateOf(ApprovalState state) => Messages.Current[$"state.{Codes<ApprovalState>.ToCode(state)}"];
}

/// <summary>
/// Every save passes here: a change to a record that alters a year which is not a draft any
/// more (<see cref="YearContribution"/>) is refused, however it arrives — form, API, import or
/// CLI — and so is a change of a municipality's majority community while any of its years is
/// closed, since every non-majority figure of those years rests on it. The closed years are
/// read inside the save's transaction, under <see cref="ClosedYears"/>' lock.
/// </summary>
internal static class YearGuard
{
    /// <summary>Whether a save holds changes this guard must check (and so needs a transaction).</summary>
    public static bool Applies(ChangeTracker tracker) =>
        tracker.Entries<EditableRecord>().Any(entry => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
        || tracker.Entries<Municipality>().Any(MajorityChanges)
        || tracker.Entries<Attachments.Attachment>().Any(entry => entry.State is EntityState.Added or EntityState.Deleted);

    public static async Task RefuseChangesToClosedYearsAsync(McscDbContext db, CancellationToken cancellationToken)
    {
        await ClosedYears.EnterRecordWriteAsync(db, cancellationToken);
        var closed = await ClosedYears.ReadAsync(db, cancellationToken);
        if (closed.Count == 0) return;

        foreach (var municipality in db.ChangeTracker.Entries<Municipality>().Where(MajorityChanges))
            if (closed[municipality.Entity.Code].OrderBy(a => a.Year).FirstOrDefault() is { } first)
                throw new YearNotEditableException(first.MunicipalityCode, first.Year, first.State);

        await RefuseEvidenceChangesAsync(db, closed, cancellationToken);
        var changes = db.ChangeTracker.Entries<EditableRecord>()
            .Where(entry => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (changes.Count == 0) return;
        var councils = await CouncilMunicipalitiesAsync(db, changes, cancellationToken);
        foreach (var entry in changes)
        {
            var before = entry.State == EntityState.Added ? null : entry.OriginalValues.ToObject();
            var after = entry.State == EntityState.Deleted ? null : entry.Entity;
            foreach (var municipality in new[] { MunicipalityOf(before, councils), MunicipalityOf(after, councils) }.Distinct())
                foreach (var year in closed[municipality ?? ""])
                    if (YearContribution.Alters(before, after, year.Year))
                        throw new YearNotEditableException(year.MunicipalityCode, year.Year, year.State);
        }
    }

    /// <summary>
    /// Evidence is part of what was verified: a file is neither added to nor taken from a record
    /// that counts in a closed year. Evidence deleted with its record is the record's deletion, checked below.
    /// </summary>
    private static async Task RefuseEvidenceChangesAsync(McscDbContext db, ILookup<string, Approval> closed, CancellationToken cancellationToken)
    {
        foreach (var attachment in db.ChangeTracker.Entries<Attachments.Attachment>()
                     .Where(entry => entry.State is EntityState.Added or EntityState.Deleted).Select(entry => entry.Entity).ToList())
        {
            if (!closed[attachment.MunicipalityCode].Any()) continue;
            var kind = Records.RecordDefinitions.All.Single(definition => definition.Path == attachment.RecordPath);
            if (await kind.FindAsync(attachment.RecordId, db, cancellationToken) is not { } record) continue;
            if (ClosedYearOf(record, closed[attachment.MunicipalityCode]) is { } year)
                throw new YearNotEditableException(year.MunicipalityCode, year.Year, year.State);
        }
    }

    /// <summary>The first of the closed years (of the record's municipality) that the record counts in, or null: its evidence is locked with that year.</summary>
    public static Approval? ClosedYearOf(object record, IEnumerable<Approval> closed) =>
        closed.OrderBy(a => a.Year).FirstOrDefault(year => YearContribution.Of(record, year.Year) is not null);

    /// <summary>
    /// The first closed year of its municipality that a stored record counts in, or null when it
    /// counts in none: it cannot be deleted and its evidence cannot change, and an edit is refused
    /// when it alters what the record counts in that year.
    /// </summary>
    public static async Task<Approval?> ClosedYearOfAsync(object record, string municipality, McscDbContext db, CancellationToken cancellationToken)
    {
        var closed = await db.Approvals.AsNoTracking().Where(a => a.MunicipalityCode == municipality && a.State != ApprovalState.Draft).ToListAsync(cancellationToken);
        return ClosedYearOf(record, closed);
    }

    private static bool MajorityChanges(EntityEntry<Municipality> entry) =>
        entry.State == EntityState.Modified && entry.Property(m => m.MajorityCommunity).IsModified
        && !Equals(entry.Property(m => m.MajorityCommunity).OriginalValue, entry.Property(m => m.MajorityCommunity).CurrentValue);

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
