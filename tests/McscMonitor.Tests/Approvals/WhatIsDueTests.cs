using System.Net;
using System.Net.Http.Json;
using McscMonitor.Users;

namespace McscMonitor.Tests;

public class WhatIsDueTests
{
    private static Task<ApiHost> StartOnAsync(DateTimeOffset today) =>
        ApiHost.StartAsync(configure: builder => builder.Services.AddSingleton<TimeProvider>(new FixedClock(today)));

    [Fact]
    public async Task AnOfficerLandsOnTheirMunicipalityWithWhatIsDueAtTheTop()
    {
        await using var host = await StartOnAsync(new DateTimeOffset(2022, 8, 15, 9, 0, 0, TimeSpan.Zero));
        var officer = await host.SignInAsync(Roles.MunicipalOfficer);

        var home = await officer.GetResponseAsync("/");
        var (_, page) = await officer.GetAsync(home.Headers.Location!.OriginalString);

        Assert.Equal("/municipalities/peje?year=2022", home.Headers.Location!.OriginalString);
        Assert.Contains("What needs doing in 2022", page);
        Assert.Contains("Meetings held so far: 1; a council on pace for 6 a year would have held 3 by now.", page);
        Assert.Contains("The data for 2021 is not submitted yet.", page);
        Assert.True(page.IndexOf("What needs doing", StringComparison.Ordinal) < page.IndexOf("Data approval", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACouncilOnPaceGetsNoPaceWarning()
    {
        await using var host = await StartOnAsync(new DateTimeOffset(2022, 8, 15, 9, 0, 0, TimeSpan.Zero));
        var admin = host.ClientFor(Roles.Admin);
        foreach (var date in new[] { "2022-02-10", "2022-04-10", "2022-06-10" })
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/meetings", new { municipality = "peje", date, status = "held" })).StatusCode);
        var monitor = await host.SignInAsync(Roles.Monitor);

        var (_, page) = await monitor.GetAsync("/municipalities/peje?year=2022");

        Assert.DoesNotContain("Meetings held so far", page);
    }

    [Fact]
    public async Task TheOverviewLinksOnlyWhatTheOfficerMayOpen()
    {
        await using var host = await StartOnAsync(new DateTimeOffset(2022, 8, 15, 9, 0, 0, TimeSpan.Zero));
        var officer = await host.SignInAsync(Roles.MunicipalOfficer);

        var (_, overview) = await officer.GetAsync("/?year=2021");

        Assert.Contains("href=\"/municipalities/peje?year=2021\"", overview);
        Assert.DoesNotContain("href=\"/municipalities/gracanice?year=2021\"", overview);
    }

    [Fact]
    public async Task AMonitorSeesWhatIsDueAcrossMunicipalities()
    {
        await using var host = await StartOnAsync(new DateTimeOffset(2022, 8, 15, 9, 0, 0, TimeSpan.Zero));
        var monitor = await host.SignInAsync(Roles.Monitor);

        var (_, page) = await monitor.GetAsync("/approvals?year=2022");
        var (_, pastYear) = await monitor.GetAsync("/approvals?year=2021");

        Assert.Contains("What needs doing in 2022", page);
        Assert.Contains("Meetings held so far: 1; a council on pace for 6 a year would have held 3 by now.", page);
        Assert.Contains("There is no council: the municipal assembly should establish one.", page);
        Assert.DoesNotContain("What needs doing", pastYear);
    }
}
