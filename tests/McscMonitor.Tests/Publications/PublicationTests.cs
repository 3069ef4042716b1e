using System.Net;
using System.Net.Http.Json;
using McscMonitor.Users;
using McscMonitor.Web;
using Microsoft.AspNetCore.TestHost;

namespace McscMonitor.Tests;

public class PublicationTests
{
    private static async Task VerifyAllAsync(ApiHost host, int year)
    {
        foreach (var code in McscMonitor.ReferenceData.ReferenceCatalog.Municipalities.Select(m => m.Code))
        {
            await host.RunCliAsync("approval", "submit", "--year", $"{year}", "--municipality", code, "--confirm");
            await host.RunCliAsync("approval", "verify", "--year", $"{year}", "--municipality", code);
        }
    }

    [Fact]
    public async Task PublishingRefusesUnverifiedDataWithoutAReasonAndLocksWhatItPublishes()
    {
        await using var host = await ApiHost.StartAsync();
        await host.RunCliAsync("approval", "submit", "--year", "2021", "--municipality", "peje");
        await host.RunCliAsync("approval", "verify", "--year", "2021", "--municipality", "peje");

        var refused = await host.RunCliAsync("publish", "--year", "2021");
        var published = await host.RunCliAsync("publish", "--year", "2021", "--unverified-reason", "Early release for the ministry.");
        var status = await host.RunCliAsync("approval", "status", "--year", "2021");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("municipalities not verified: 37", refused.Error);
        Assert.Equal(0, published.ExitCode);
        Assert.Equal("Version 1 of the 2021 fact sheet is published: https://mcsc.example.org/factsheet/2021/v1/en", published.Output.Trim());
        Assert.Matches(@"Pejë/Peć\s+locked", status.Output);
    }

    [Fact]
    public async Task APublishedVersionStaysByteIdenticalAfterEditsAndARestartWhileTheNextVersionCarriesItsNote()
    {
        await using var host = await ApiHost.StartAsync();
        await VerifyAllAsync(host, 2022);
        Assert.Equal(0, (await host.RunCliAsync("publish", "--year", "2022")).ExitCode);
        var anonymous = host.ClientFor(null);
        var pdf = await anonymous.GetByteArrayAsync("/factsheet/2022/sq.pdf");
        var page = await anonymous.GetByteArrayAsync("/factsheet/2022/en");
        var indicators = await anonymous.GetByteArrayAsync("/api/v1/indicators/2022?lang=sr-Cyrl");
        Assert.Equal(indicators, await anonymous.GetByteArrayAsync("/factsheet/2022/v1/sr-Cyrl/indicators.json"));

        // Reopen Pejë, change a record, publish a correction.
        await host.RunCliAsync("approval", "reopen", "--year", "2022", "--municipality", "peje", "--reason", "A meeting was missing.");
        var added = await host.ClientFor(Roles.Monitor).PostAsJsonAsync("/api/v1/meetings", new { municipality = "peje", date = "2022-12-15", status = "held" });
        var monitor = await host.SignInAsync(Roles.Monitor);
        var (_, changes) = await monitor.GetAsync("/publications?year=2022");
        var withoutNote = await host.RunCliAsync("publish", "--year", "2022", "--unverified-reason", "Pejë was corrected after verification.");
        var second = await host.RunCliAsync("publish", "--year", "2022", "--note", "A meeting of Pejë was added.", "--note-sq", "U shtua një takim i Pejës.",
            "--note-sr", "Dodat je sastanak Peći.", "--unverified-reason", "Pejë was corrected after verification.");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Contains("The data has changed since version 1", changes);
        Assert.Equal(1, withoutNote.ExitCode);
        Assert.StartsWith("Version 2 of the 2022 fact sheet is published", second.Output.Trim());
        Assert.Equal(pdf, await anonymous.GetByteArrayAsync("/factsheet/2022/v1/sq.pdf"));
        // The page is as published but for where it now stands: superseded, with a link to version 2.
        var versionOnePage = await anonymous.GetStringAsync("/factsheet/2022/v1/en");
        Assert.Contains("Superseded by version 2", versionOnePage);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(page).Split("<main>")[1].Split("<header>")[1], versionOnePage.Split("<main>")[1].Split("<header>")[1]);
        Assert.NotEqual(pdf, await anonymous.GetByteArrayAsync("/factsheet/2022/sq.pdf"));
        Assert.Contains("Corrected: A meeting of Pejë was added.", await anonymous.GetStringAsync("/factsheet/2022/en"));

        // After a restart, from the same database: version 1 is still the same bytes, and the API still serves the snapshot.
        await using var restarted = WebApp.Build([], host.Settings, builder => builder.WebHost.UseTestServer());
        await restarted.StartAsync();
        var fresh = restarted.GetTestClient();
        Assert.Equal(pdf, await fresh.GetByteArrayAsync("/factsheet/2022/v1/sq.pdf"));
        Assert.Equal(indicators, await fresh.GetByteArrayAsync("/factsheet/2022/v1/sr-Cyrl/indicators.json"));
        Assert.NotEqual(indicators, await fresh.GetByteArrayAsync("/api/v1/indicators/2022?lang=sr-Cyrl"));
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/factsheet/2022/v2/sr-Cyrl/charts/map.png")).StatusCode);
    }

    [Fact]
    public async Task TheAnonymousPublicNeverSeesLiveUnpublishedFigures()
    {
        await using var host = await ApiHost.StartAsync();
        var anonymous = host.ClientFor(null);
        var viewer = host.ClientFor(Roles.Viewer);

        var api = await anonymous.GetAsync("/api/v1/indicators/2021");
        var viewerApi = await viewer.GetAsync("/api/v1/indicators/2021");
        var sheet = await anonymous.GetAsync("/factsheet/2021/en");
        var overview = await anonymous.GetStringAsync("/?year=2021");
        var monitorApi = await host.ClientFor(Roles.Monitor).GetAsync("/api/v1/indicators/2021");

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, viewerApi.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, sheet.StatusCode);
        Assert.Contains("not yet published", await sheet.Content.ReadAsStringAsync());
        Assert.Contains("The figures for 2021 are not yet published.", overview);
        Assert.DoesNotContain("Pejë/Peć", overview);
        Assert.Equal(HttpStatusCode.OK, monitorApi.StatusCode);
    }

    [Fact]
    public async Task StaffSeeTheLiveSheetLabelledUnpublished()
    {
        await using var host = await ApiHost.StartAsync();
        var officer = await host.SignInAsync(Roles.MunicipalOfficer);

        var (status, html) = await officer.GetAsync("/factsheet/2021/en");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Unpublished: live figures", html);
    }

    [Fact]
    public async Task ADemoIsPublishedSoANewcomerSeesPublicFactSheetsAtOnce()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        var demo = await database.RunAsync("demo");
        await using var app = WebApp.Build([], database.Settings, builder => builder.WebHost.UseTestServer());
        await app.StartAsync();

        var page = await app.GetTestClient().GetStringAsync("/factsheet/2021/sq");
        var list = await database.RunAsync("publications", "list");

        Assert.Contains("Verified and published the fact sheets of 2019, 2020, 2021, 2022, 2023.", demo.Output);
        Assert.Contains("Versioni 1, publikuar më", page);
        Assert.Contains("TË DHËNA ILUSTRUESE", page.ToUpperInvariant());
        Assert.Equal(5, list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Count());
    }

    [Fact]
    public async Task EachChartOfAPublishedVersionDownloadsAsCsvInTheSheetsLanguage()
    {
        await using var host = await ApiHost.StartAsync();
        await host.RunCliAsync("publish", "--year", "2021", "--unverified-reason", "The example data is not verified.");
        var anonymous = host.ClientFor(null);

        var meetings = await anonymous.GetStringAsync("/factsheet/2021/v1/sq/charts/meetings.csv");
        var map = await anonymous.GetStringAsync("/factsheet/2021/sq/charts/map.csv");
        var page = await anonymous.GetStringAsync("/factsheet/2021/sq");

        Assert.StartsWith("Komuna,Vlera", meetings);
        Assert.Contains("Pejë,6", meetings);
        Assert.Contains("Gjilan,Pa të dhëna", meetings);
        Assert.Contains("Viti,Pa të dhëna,Pa këshill", map);
        Assert.Contains("/factsheet/2021/v1/sq/charts/meetings.csv", page);
    }
}
