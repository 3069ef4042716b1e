using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using McscMonitor.Users;

namespace McscMonitor.Tests;

public class TrendTests
{
    [Fact]
    public async Task TheTrendOfKosovoAddsUpEachYearsIndicatorsAndDownloadsAsCsv()
    {
        await using var host = await ApiHost.StartAsync();
        var monitor = host.ClientFor(Roles.Monitor);

        var trend = (await monitor.GetFromJsonAsync<JsonObject>("/api/v1/trends"))!["years"]!.AsArray();
        var csv = await monitor.GetStringAsync("/api/v1/trends?format=csv");
        var summary2021 = (await monitor.GetFromJsonAsync<JsonObject>("/api/v1/indicators/2021"))!["summary"]!;

        Assert.Equal([2020, 2021, 2022], trend.Select(y => y!["year"]!.GetValue<int>()));
        var year2021 = trend.Single(y => y!["year"]!.GetValue<int>() == 2021)!;
        Assert.Equal(summary2021["meetingsHeld"]!.GetValue<int>(), year2021["meetingsHeld"]!.GetValue<int>());
        Assert.Equal(summary2021["councilsWithMeetingRecords"]!.GetValue<int>(), year2021["councilsWithMeetingRecords"]!.GetValue<int>());
        Assert.StartsWith("year,partial,councilsEstablished,councilsWithMeetingRecords,", csv);
        Assert.Equal(4, csv.Trim().Split('\n').Length);
    }

    [Fact]
    public async Task TheTrendCountsAMeetingRecordedAfterItWasLastShown()
    {
        await using var host = await ApiHost.StartAsync();
        var monitor = host.ClientFor(Roles.Monitor);
        static int Held(JsonObject trend, int year) =>
            trend["years"]!.AsArray().Single(y => y!["year"]!.GetValue<int>() == year)!["meetingsHeld"]!.GetValue<int>();

        var before = (await monitor.GetFromJsonAsync<JsonObject>("/api/v1/trends"))!;
        var shownAgain = (await monitor.GetFromJsonAsync<JsonObject>("/api/v1/trends"))!;
        var created = await host.ClientFor(Roles.Admin).PostAsJsonAsync("/api/v1/meetings", new { municipality = "peje", date = "2021-12-20", status = "held" });
        var after = (await monitor.GetFromJsonAsync<JsonObject>("/api/v1/trends"))!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(Held(before, 2021), Held(shownAgain, 2021));
        Assert.Equal(Held(before, 2021) + 1, Held(after, 2021));
        Assert.Equal(Held(before, 2022), Held(after, 2022));
    }

    [Fact]
    public async Task AnOfficerSeesTheTrendOfTheirOwnMunicipalityOnly()
    {
        await using var host = await ApiHost.StartAsync();
        var officer = host.ClientFor(Roles.MunicipalOfficer);

        var own = await officer.GetFromJsonAsync<JsonObject>("/api/v1/trends");
        var other = await officer.GetAsync("/api/v1/trends?municipality=gracanice");
        var anonymous = await host.ClientFor(null).GetFromJsonAsync<JsonObject>("/api/v1/trends");

        Assert.Equal("peje", own!["municipality"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        // The public's trend is of published figures only: nothing is published here yet.
        Assert.True(anonymous!["published"]!.GetValue<bool>());
        Assert.Empty(anonymous["years"]!.AsArray());
    }

    [Fact]
    public async Task TheTrendPageShowsEveryIndicatorWithItsNumbers()
    {
        await using var host = await ApiHost.StartAsync();
        var monitor = await host.SignInAsync(Roles.Monitor, language: "sq");

        var (status, html) = await monitor.GetAsync("/trends?municipality=peje");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Prirjet: Pejë", html);
        Assert.Equal(10, new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelectorAll(".trends figure svg").Length);
    }

    [Fact]
    public async Task AYearWithoutMeetingRecordsIsNoDataNotZeroAndYearsBetweenStayOnTheAxis()
    {
        await using var host = await ApiHost.StartAsync(configure: builder => builder.Services.AddSingleton<TimeProvider>(
            new FixedClock(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero))));
        var admin = host.ClientFor(Roles.Admin);
        // A meeting of 2025 (cancelled), leaving 2023 and 2024 without any record in between; and a held one in 2026, the year in progress.
        await admin.PostAsJsonAsync("/api/v1/meetings", new { municipality = "peje", date = "2025-03-03", status = "cancelled" });
        await admin.PostAsJsonAsync("/api/v1/meetings", new { municipality = "peje", date = "2026-03-03", status = "held" });

        var years = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/trends?municipality=gracanice"))!["years"]!.AsArray();
        var kosovo = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/trends"))!["years"]!.AsArray();
        var csv = await admin.GetStringAsync("/api/v1/trends?municipality=gracanice&format=csv");
        var (_, page) = await (await host.SignInAsync(Roles.Monitor)).GetAsync("/trends?municipality=gracanice");

        Assert.Equal([2020, 2021, 2022, 2023, 2024, 2025, 2026], kosovo.Select(y => y!["year"]!.GetValue<int>()));
        var gracanica2024 = years.Single(y => y!["year"]!.GetValue<int>() == 2024)!;
        Assert.Null(gracanica2024["meetingsHeld"]);
        Assert.Equal(0, gracanica2024["councilsWithMeetingRecords"]!.GetValue<int>());
        Assert.True(kosovo.Single(y => y!["year"]!.GetValue<int>() == 2026)!["partial"]!.GetValue<bool>());
        Assert.False(kosovo.Single(y => y!["year"]!.GetValue<int>() == 2025)!["partial"]!.GetValue<bool>());
        Assert.Contains("\n2024,no,1,0,,,,", csv.Replace("\r", ""));
        Assert.Contains("no data", page);
    }
}
