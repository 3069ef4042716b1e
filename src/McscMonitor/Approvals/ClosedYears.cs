using McscMonitor.Core.Approval;
using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Approvals;

/// <summary>
/// Where a write meets the years that are closed (submitted, verified or locked). Every write
/// of records reads the closed years inside its own transaction, after taking a lock that it
/// shares with every other write; whatever closes or reopens a year (an approval step, a
/// publication) holds that lock alone. So a write either commits before a year closes or sees
/// it closed: none slips in between a check and its commit, however long an import runs.
/// On PostgreSQL the lock is a transaction-scoped advisory lock, which covers every app
/// instance; SQLite has one writer at a time and its transactions begin immediate (they take
/// the write lock at BEGIN), so there the transaction itself is the lock.
/// </summary>
internal static class ClosedYears
{
    public const long AdvisoryLockKey = 0x4D435343_59454152; // "MCSC" "YEAR"

    /// <summary>Before a write of records reads the closed years; the caller's transaction holds it to its end.</summary>
    public static Task EnterRecordWriteAsync(McscDbContext db, CancellationToken cancellationToken) =>
        LockAsync(db, $"SELECT pg_advisory_xact_lock_shared({AdvisoryLockKey})", cancellationToken);

    /// <summary>Before a year's state is read to be changed; waits for the writes in flight, and holds new ones off until the commit.</summary>
    public static Task EnterStateChangeAsync(McscDbContext db, CancellationToken cancellationToken) =>
        LockAsync(db, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);

    /// <summary>The years that are not drafts, by municipality; read after <see cref="EnterRecordWriteAsync"/>.</summary>
    public static async Task<ILookup<string, Approval>> ReadAsync(McscDbContext db, CancellationToken cancellationToken) =>
        (await db.Approvals.AsNoTracking().Where(a => a.State != ApprovalState.Draft).ToListAsync(cancellationToken))
            .ToLookup(a => a.MunicipalityCode);

    private static async Task LockAsync(McscDbContext db, string statement, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("The closed-years lock is taken inside the write's transaction.");
        if (!db.Database.IsNpgsql()) return;
        await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
    }
}
