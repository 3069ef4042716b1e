using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Import;

/// <summary>
/// One import at a time. Two imports of overlapping rows would race for the same natural
/// keys, so the second is told that one is running (HTTP 409) instead of failing halfway.
/// Within one app this is a semaphore; on PostgreSQL an advisory lock, taken in the import's
/// transaction, covers several app instances and the command line as well.
/// </summary>
public sealed class ImportGate : IDisposable
{
    public const long AdvisoryLockKey = 0x4D435343_494D5054; // "MCSC" "IMPT"

    private readonly SemaphoreSlim _inProcess = new(1, 1);

    public void Dispose() => _inProcess.Dispose();

    public async Task<IDisposable?> TryEnterAsync(CancellationToken cancellationToken)
    {
        if (!await _inProcess.WaitAsync(TimeSpan.Zero, cancellationToken)) return null;
        return new Release(_inProcess);
    }

    /// <summary>Call inside the import's transaction; false when another process holds the lock.</summary>
    public static async Task<bool> TryLockAcrossInstancesAsync(McscDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql()) return true;
        return await db.Database.SqlQueryRaw<bool>($"SELECT pg_try_advisory_xact_lock({AdvisoryLockKey}) AS \"Value\"").SingleAsync(cancellationToken);
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) semaphore.Release();
        }
    }
}
