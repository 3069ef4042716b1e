using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace McscMonitor.Data;

/// <summary>
/// On PostgreSQL, a read that meets a transient failure (a restarting server, a dropped
/// connection) is tried again within the request, a few times over about three seconds, before
/// the request gives up with 503. A statement inside a transaction is never repeated: a write's
/// transaction, with its audit, either commits once or fails as a whole, and the client is told.
/// </summary>
/// <remarks>
/// EF Core's own retrying strategy refuses to run inside a transaction the app began; this one
/// runs there as if it did not retry, so the writes keep their one transaction as they are.
/// </remarks>
internal sealed class ReadRetries(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, MaxRetries, MaxDelay, errorCodesToAdd: null)
{
    public const int MaxRetries = 3;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1.5);

    private bool _inTransaction;

    protected override void OnFirstExecution()
    {
        _inTransaction = Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;
        if (!_inTransaction) base.OnFirstExecution();
    }

    /// <summary>
    /// Inside a run of reads retried as one (<c>CreateExecutionStrategy().ExecuteAsync</c>), a failure
    /// repeats the whole run, so its statements are read as they stream: EF Core would otherwise
    /// still copy each result into a buffer first, as it must for a statement retried alone.
    /// </summary>
    public override bool RetriesOnFailure => Current is null && base.RetriesOnFailure;

    protected override bool ShouldRetryOn(Exception? exception) => !_inTransaction && base.ShouldRetryOn(exception);
}
