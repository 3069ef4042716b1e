using System.Net;
using McscMonitor.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace McscMonitor.Tests;

public sealed class HealthTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnInstanceOnAMigratedDatabaseIsReady(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var anonymous = host.ClientFor(null);

        var alive = await anonymous.GetAsync("/healthz");
        var ready = await anonymous.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", await ready.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string> Unready => new()
    {
        // PostgreSQL down: nothing listens on the port.
        { "Postgres", "Host=127.0.0.1;Port=1;Username=postgres;Password=x;Database=postgres;Timeout=2" },
        // A SQLite file that was never created, so never migrated.
        { "Sqlite", $"Data Source={Path.Combine(Path.GetTempPath(), $"mcsc-never-{Guid.NewGuid():N}.db")}" },
    };

    [Theory]
    [MemberData(nameof(Unready))]
    public async Task AnInstanceWhoseDatabaseIsDownOrNotMigratedIsAliveButNotReady(string provider, string connectionString)
    {
        await using var app = WebApp.Build([], new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider, ["ConnectionStrings:Mcsc"] = connectionString,
        }, builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        var client = app.GetTestClient();

        var alive = await client.GetAsync("/healthz");
        var ready = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("5", ready.Headers.RetryAfter?.ToString());
        // Why is for the operator's log, not for whoever asked.
        Assert.Equal("not ready", await ready.Content.ReadAsStringAsync());
    }
}
