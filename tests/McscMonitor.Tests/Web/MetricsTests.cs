using System.Net;
using McscMonitor.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace McscMonitor.Tests;

public sealed class MetricsTests
{
    private static Task<ApiHost> StartFromAsync(string address, string provider = TestDatabase.Sqlite) =>
        ApiHost.StartAsync(provider, configure: builder => builder.Services.AddSingleton<IStartupFilter>(new ClientAddress(IPAddress.Parse(address))));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AScrapeFromAnAllowedAddressShowsRequestsByRouteImportsPublishingAndTheCache(string provider)
    {
        await using var host = await StartFromAsync("127.0.0.1", provider);
        var admin = host.ClientFor(Roles.Admin);
        (await admin.GetAsync("/api/v1/meetings?municipality=peje&year=2021")).EnsureSuccessStatusCode();
        (await admin.GetAsync("/api/v1/indicators/2021")).EnsureSuccessStatusCode();
        (await admin.GetAsync("/api/v1/indicators/2021")).EnsureSuccessStatusCode();
        Assert.Equal(0, (await host.RunCliAsync("import", TestDatabase.ExampleFolder)).ExitCode);
        Assert.Equal(0, (await host.RunCliAsync("publish", "--year", "2021", "--unverified-reason", "The example data is not verified.")).ExitCode);

        var scrape = await host.ClientFor(null).GetAsync("/metrics");
        var text = await scrape.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("http_server_request_duration_seconds_count{", text);
        Assert.Contains("http_route=\"/api/v1/meetings/\"", text);
        Assert.Contains("mcsc_cache_lookups_total{", text);
        Assert.Contains("mcsc_import_duration_seconds_count{", text);
        Assert.Contains("mcsc_import_rows_total", text);
        Assert.Contains("mcsc_publish_duration_seconds_count", text);
    }

    [Fact]
    public async Task APersonSignedInThroughTheBrowserCountsAsAnActiveSession()
    {
        await using var host = await StartFromAsync("127.0.0.1");
        var monitor = await host.SignInAsync(Roles.Monitor);
        Assert.Equal(HttpStatusCode.OK, (await monitor.GetAsync("/?year=2021")).Status);

        var text = await host.ClientFor(null).GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        var line = text.Split('\n').Single(l => l.StartsWith("mcsc_sessions_active", StringComparison.Ordinal));
        Assert.True(int.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) >= 1, line);
    }

    [Fact]
    public async Task AScrapeFromAnyOtherAddressFindsNothing()
    {
        await using var host = await StartFromAsync("203.0.113.9");

        var scrape = await host.ClientFor(null).GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, scrape.StatusCode);
        Assert.DoesNotContain("http_server", await scrape.Content.ReadAsStringAsync());
    }
}
