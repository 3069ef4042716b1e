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

    /// <summary>Seconds since <paramref name="started"/>, a <see cref="Stopwatch"/> timestamp.</summary>
    public static double SecondsSince(long started) => Stopwatch.GetElapsedTime(started).TotalSeconds;
}
