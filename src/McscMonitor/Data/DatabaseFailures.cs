using System.Net.Sockets;
using McscMonitor.Core.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace McscMonitor.Data;

/// <summary>
/// When the database is busy past the wait (SQLite during a long write) or unreachable
/// (PostgreSQL restarting), a request ends with 503 and Retry-After in plain words instead of
/// a 500; the next request after the server is back opens a fresh connection and works.
/// </summary>
public sealed partial class DatabaseFailures(IProblemDetailsService problems, ILogger<DatabaseFailures> logger) : IExceptionHandler
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The database was not available for {Path}")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string path);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception)) return false;
        LogUnavailable(logger, exception, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "30";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Detail = Messages.Current["databaseUnavailable"] },
        });
    }

    public static bool IsUnavailable(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: 5 or 6 } => true, // SQLITE_BUSY, SQLITE_LOCKED
        NpgsqlException { IsTransient: true } => true,
        SocketException or TimeoutException => true,
        _ => exception.InnerException is { } inner && IsUnavailable(inner),
    };
}
