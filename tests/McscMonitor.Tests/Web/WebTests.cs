using System.Net;
using System.Text.Json;
using McscMonitor.Data;
using McscMonitor.Demo;
using McscMonitor.Web;
using Microsoft.AspNetCore.TestHost;

namespace McscMonitor.Tests;

public class WebTests
{
    private static async Task<(WebApplication App, HttpClient Client)> StartAsync(TestDatabase database, bool demo)
    {
        var app = WebApp.Build([], database.Settings, builder => builder.WebHost.UseTestServer());
        await app.Services.MigrateAsync();
        if (demo)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoLoader>().PublishAsync(years: [2021]);
        }
        await app.StartAsync();
        return (app, app.GetTestClient());
    }

    [Fact]
    public async Task AnInstanceSaysItIsUpWithoutTouchingTheDatabase()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        var (app, client) = await StartAsync(database, demo: false);
        await using var _ = app;
        File.Delete(database.Settings["ConnectionStrings:Mcsc"]!.Split(';')[0]["Data Source=".Length..]);

        var response = await client.GetAsync("/healthz");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HomePageListsEveryMunicipalityAndLabelsDemoDataIllustrative()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Demo);
        var (app, client) = await StartAsync(database, demo: true);
        await using var _ = app;

        var html = await client.GetStringAsync("/?year=2021");

        Assert.Contains("Illustrative data, not official figures.", html);
        Assert.Contains("indicators 2021", html);
        Assert.Contains("Mitrovicë/Mitrovica North", html);
        Assert.Contains("Pejë/Peć", html);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task IndicatorsApiReturnsTheSameDocumentAsTheCli(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Seed.Demo);
        var (app, client) = await StartAsync(database, demo: true);
        await using var _ = app;

        var api = await client.GetStringAsync("/api/v1/indicators/2021");
        var cli = await database.RunAsync("indicators", "--year", "2021");

        // The public API withholds small counts of non-majority members and says which version it is; everything else is the CLI's document.
        static string WithoutMembers(string json)
        {
            var document = System.Text.Json.Nodes.JsonNode.Parse(json)!;
            document.AsObject().Remove("publication");
            foreach (var municipality in document["municipalities"]!.AsArray()) municipality!.AsObject().Remove("members");
            return document.ToJsonString();
        }
        Assert.Equal(WithoutMembers(cli.Output), WithoutMembers(api));
        using var json = JsonDocument.Parse(api);
        Assert.Equal(38, json.RootElement.GetProperty("municipalities").GetArrayLength());
    }

    [Fact]
    public async Task IndicatorsApiRejectsAYearOutOfRangeWithProblemDetails()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        var (app, client) = await StartAsync(database, demo: false);
        await using var _ = app;

        var response = await client.GetAsync("/api/v1/indicators/1850");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OverviewFiltersByRegionAndSortsByMeetingsHeld()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Demo);
        var (app, client) = await StartAsync(database, demo: true);
        await using var _ = app;

        var html = await client.GetStringAsync("/?year=2021&region=prizren&sort=meetings");

        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var rows = document.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, row => Assert.Equal("Prizren", row.QuerySelectorAll("td")[0].TextContent.Trim()));
        var meetings = rows.Select(row => int.Parse(row.QuerySelectorAll("td")[2].TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(meetings.OrderDescending(), meetings);
        Assert.Contains("href=\"/factsheet/2021/sr-Cyrl\"", html);
        var established = document.QuerySelector(".summary li strong")!.TextContent.Trim();
        Assert.EndsWith("/ 6", established);
        var meetingsCard = document.QuerySelectorAll(".summary li strong")[3].TextContent.Trim();
        Assert.Equal(meetings.Sum().ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en")), meetingsCard);
    }

    [Fact]
    public async Task ARegionsSummaryCountsAsTheEngineDoesForAWholeYear()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Demo);
        var (app, _) = await StartAsync(database, demo: true);
        await using var __ = app;
        await using var scope = app.Services.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<McscMonitor.Indicators.IndicatorQuery>();

        foreach (var year in new[] { 2019, 2021, 2023 })
        {
            var document = McscMonitor.Indicators.IndicatorsDocument.From(await query.ComputeAsync(year, Core.Domain.Language.En, TestContext.Current.CancellationToken), false);
            Assert.Equal(document.Summary, McscMonitor.Indicators.SummaryDocument.Of(document.Municipalities));
        }
    }
}
