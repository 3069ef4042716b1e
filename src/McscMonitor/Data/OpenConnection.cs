using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace McscMonitor.Data;

internal static class OpenConnection
{
    /// <summary>
    /// Runs <paramref name="work"/> with the context's connection held open: several statements on
    /// one connection, or plain ADO.NET beside EF Core's own, in its transaction if one is open.
    /// A connection the caller had opened stays open.
    /// </summary>
    public static async Task<T> WithOpenConnectionAsync<T>(this DatabaseFacade database, Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await work(database.GetDbConnection());
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }
}
