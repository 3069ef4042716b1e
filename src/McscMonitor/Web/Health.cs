using McscMonitor.Data;

namespace McscMonitor.Web;

/// <summary>
/// What a proxy or load balancer asks an instance: <c>/healthz</c>, whether the process answers
/// at all (nothing behind it), and <c>/readyz</c>, whether it can serve: its database reachable
/// and at this version's last migration. A not-ready instance answers 503 with Retry-After, and
/// says why only in its log, not to whoever asked.
/// </summary>
public static partial class Health
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready: {Reason}")]
    private static partial void LogNotReady(ILogger logger, string reason);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Text("ok")).ExcludeFromDescription();
        routes.MapGet("/readyz", async (IServiceProvider services, HttpResponse response, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            string? reason;
            try
            {
                reason = await services.NotReadableBecauseAsync(cancellationToken);
            }
            catch (Exception unavailable) when (DatabaseFailures.IsUnavailable(unavailable))
            {
                reason = unavailable.Message;
            }
            if (reason is null) return Results.Text("ready");
            LogNotReady(loggers.CreateLogger(typeof(Health)), reason);
            response.Headers.RetryAfter = "5";
            return Results.Text("not ready", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).ExcludeFromDescription();
        return routes;
    }
}
