using System.Buffers;

namespace McscMonitor.Web;

/// <summary>
/// One id per request, the same in the proxy's access log, every line the app logs for it, the
/// response's <c>X-Request-Id</c> header and an error's <c>traceId</c>: the proxy's id when it
/// sends a well-formed one (nginx's <c>$request_id</c>), the app's own otherwise.
/// </summary>
public static class RequestIds
{
    public const string Header = "X-Request-Id";

    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("McscMonitor.Requests");
        return app.Use(async (context, next) =>
        {
            // A client could send anything in the header: only a short id of plain characters is carried
            // into the logs, so no one can forge log lines or fill them.
            var sent = context.Request.Headers[Header].ToString();
            if (IsWellFormed(sent)) context.TraceIdentifier = sent;
            context.Response.Headers[Header] = context.TraceIdentifier;
            using (logger.BeginScope(new Dictionary<string, object> { ["XRequestId"] = context.TraceIdentifier }))
            {
                await next(context);
            }
        });
    }

    public static bool IsWellFormed(string id) =>
        id.Length is > 0 and <= MaxLength && !id.AsSpan().ContainsAnyExcept(Allowed);
}
