using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using OpenTelemetry.Metrics;

namespace McscMonitor.Web;

/// <summary>
/// What an operator watches, in Prometheus's format at <c>/metrics</c>: requests by route and
/// their duration (ASP.NET Core's own meters), the database's work (EF Core's and Npgsql's), and
/// the app's own (<see cref="AppMetrics"/>). Only the addresses in <c>Metrics:AllowedAddresses</c>
/// (loopback unless set) may read it; through a proxy that forwards the client's address, no one
/// outside does.
/// </summary>
public static class Metrics
{
    public const string Path = "/metrics";

    public static void AddMcscMetrics(this IServiceCollection services) =>
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(AppMetrics.MeterName, "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());

    public static void MapMcscMetrics(this WebApplication app)
    {
        // The app's instruments exist once their class is first used: the gauge of sessions is there from the start, at 0.
        _ = AppMetrics.ActiveSessions;
        var allowed = (app.Configuration["Metrics:AllowedAddresses"] ?? "127.0.0.1,::1")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(IPAddress.Parse).ToHashSet();
        app.MapPrometheusScrapingEndpoint(Path).AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } address && allowed.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)
                ? await next(context)
                : Results.NotFound());
    }
}

/// <summary>The app's own measurements, beside the framework's.</summary>
public static class AppMetrics
{
    public const string MeterName = "McscMonitor";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> ImportedRows =
        Meter.CreateCounter<long>("mcsc.import.rows", "{row}", "Rows an import added or changed, by table.");

    public static readonly Histogram<double> ImportDuration =
        Meter.CreateHistogram<double>("mcsc.import.duration", "s", "How long an import took, checks and writing, by outcome.");

    public static readonly Histogram<double> PublishDuration =
        Meter.CreateHistogram<double>("mcsc.publish.duration", "s", "How long publishing a year's fact sheet took, every language and file.");

    public static readonly Counter<long> CacheLookups =
        Meter.CreateCounter<long>("mcsc.cache.lookups", "{lookup}", "Computed figures and pages asked of a cache, by whether they were there.");

    /// <summary>How long after a signed-in person's last request they still count as active.</summary>
    public static readonly TimeSpan ActiveWindow = TimeSpan.FromMinutes(15);

    private static readonly ConcurrentDictionary<string, long> LastSeen = new(StringComparer.Ordinal);

    /// <remarks>
    /// Sessions are cookies, not rows, so "active" is what an instance sees: the people who signed
    /// in through the browser and made a request here within <see cref="ActiveWindow"/>. Behind a
    /// proxy one person may count on each instance they reached; the deployment's figure is at most the sum.
    /// </remarks>
    public static readonly ObservableGauge<int> ActiveSessions = Meter.CreateObservableGauge(
        "mcsc.sessions.active", CountActive, "{session}", "People signed in through the browser who made a request to this instance in the last 15 minutes.");

    /// <summary>Counts a request from a person signed in through the browser (not an API token).</summary>
    public static void SeenSignedIn(string user) => LastSeen[user] = Stopwatch.GetTimestamp();

    private static int CountActive()
    {
        var active = 0;
        foreach (var (user, seen) in LastSeen)
        {
            if (Stopwatch.GetElapsedTime(seen) <= ActiveWindow) active++;
            else LastSeen.TryRemove(new KeyValuePair<string, long>(user, seen));
        }
        return active;
    }

    /// <summary>Seconds since <paramref name="started"/>, a <see cref="Stopwatch"/> timestamp.</summary>
    public static double SecondsSince(long started) => Stopwatch.GetElapsedTime(started).TotalSeconds;
}
