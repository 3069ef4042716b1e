using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using McscMonitor.Data;
using McscMonitor.Demo;
using McscMonitor.Publications;
using McscMonitor.Users;
using McscMonitor.Web;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Tests.Hostile;

/// <summary>The smaller ways in: each refused in words, none a 500, none a way around a rule.</summary>
public class EdgeInputTests
{
    [Fact]
    public async Task AnAdminCannotDemoteOrDisableThemselvesByTypingTheirNameInCapitals()
    {
        await using var host = await ApiHost.StartAsync();
        var admin = host.Account(Roles.Admin).UserName;
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();

        var demote = await Assert.ThrowsAsync<UserException>(() => users.ChangeRoleAsync(admin.ToUpperInvariant(), Roles.Viewer, null, actingUser: admin));
        var disable = await Assert.ThrowsAsync<UserException>(() => users.DisableAsync(admin.ToUpperInvariant(), actingUser: admin));

        Assert.Contains("your own", demote.Message);
        Assert.Contains("your own", disable.Message);
    }

    [Fact]
    public async Task TheCommandLineNeverDemotesOrDisablesTheLastAdministrator()
    {
        await using var host = await ApiHost.StartAsync();
        var admin = host.Account(Roles.Admin).UserName;

        var demote = await host.RunCliAsync("users", "role", admin, "--role", "viewer");
        var disable = await host.RunCliAsync("users", "disable", admin);
        await host.RunCliAsync("users", "add", "second-admin", "--role", "admin");
        var demoteWithAnother = await host.RunCliAsync("users", "role", admin, "--role", "viewer");

        Assert.Equal(1, demote.ExitCode);
        Assert.Contains("only enabled administrator", demote.Error);
        Assert.Equal(1, disable.ExitCode);
        Assert.Equal(0, demoteWithAnother.ExitCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ANulInAFormOrAQueryAnswers400InWordsNot500(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        using var anonymous = new FormClient(host.ClientHandler());
        var monitor = await host.SignInAsync(Roles.Monitor);

        var signIn = await anonymous.SubmitAsync("/signin", "/signin", new() { ["UserName"] = "ad\0min", ["Password"] = "x" });
        var meeting = await monitor.SubmitAsync("/municipalities/peje/meetings/new", "/meetings",
            new() { ["municipality"] = "peje", ["date"] = "2021-12-20", ["status"] = "held\0" });
        var query = await monitor.GetResponseAsync("/audit?actor=a%00b");

        foreach (var response in new[] { signIn, meeting, query })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.RequestMessage?.RequestUri}: {response.StatusCode} {body}");
            Assert.Contains("not allowed", body);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ATokenNameIsBoundedAndCheckedLikeOtherText(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var admin = host.Account(Roles.Admin).UserName;
        var session = await host.SignInAsync(Roles.Monitor);

        var tooLong = await host.RunCliAsync("users", "token", admin, "--name", new string('t', 300));
        var bidi = await host.RunCliAsync("users", "token", admin, "--name", "script\u202Eexe");
        var page = await session.SubmitAsync("/account", "/account/tokens", new() { ["Name"] = new string('t', 300) });

        Assert.Equal(1, tooLong.ExitCode);
        Assert.Contains("300", tooLong.Error);
        Assert.Equal(1, bidi.ExitCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Token name", await page.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Passw0rd!Passw0rd!", null)]
    [InlineData("pwtest2024!!A", "pwtest2024")]
    [InlineData("Mona-Monitor-2026!", "mona")]
    [InlineData("Sunshine#Dragon#2024", null)]
    public void APasswordMadeOfListedWordsOrHoldingTheUserNameIsRefused(string password, string? userName) =>
        Assert.True(CommonPasswordValidator.IsCommon(password, userName));

    [Theory]
    [InlineData("Kx9#mQ2vLp7!rT", "mona")]
    [InlineData("vjeshta-Rugova-1987!", "mona")]
    public void APasswordOfUnlistedWordsWithoutTheUserNameIsAccepted(string password, string userName) =>
        Assert.False(CommonPasswordValidator.IsCommon(password, userName));

    [Fact]
    public async Task RestoringOverLaterPublicationsSaysWhatWouldBeLostAndNeedsForce()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, withExamples: true);
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "mcsc.backup");
        Assert.Equal(0, (await database.RunAsync("backup", "--out", file)).ExitCode);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-5));
        Assert.Equal(0, (await database.RunAsync("publish", "--year", "2021", "--unverified-reason", "test")).ExitCode);

        var refused = await database.RunAsync("restore", file, "--replace");
        var forced = await database.RunAsync("restore", file, "--replace", "--force");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("1 published version (2021 v1) would be gone", refused.Error);
        Assert.Contains("--force", refused.Error);
        Assert.Equal(0, forced.ExitCode);
        Assert.Empty((await database.RunAsync("publications", "list")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task JsonOfTheWrongKindOrWithAKeyGivenTwiceNamesTheField(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var admin = host.ClientFor(Roles.Admin);
        HttpContent Json(string body) => new StringContent(body, Encoding.UTF8, "application/json");

        var wrongKind = await admin.PostAsync("/api/v1/meetings", Json("""{"municipality":"peje","date":"2021-12-20","status":"held","attendees":"twelve"}"""));
        var twice = await admin.PostAsync("/api/v1/meetings", Json("""{"municipality":"peje","date":"2021-12-20","status":"held","status":"cancelled"}"""));
        var broken = await admin.PostAsync("/api/v1/meetings", Json("""{"municipality":"""));

        Assert.Equal(HttpStatusCode.BadRequest, wrongKind.StatusCode);
        Assert.Contains("is not a whole number", (await wrongKind.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["attendees"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("given twice", (await twice.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonObject>("/api/v1/meetings?municipality=peje&year=2021"))!["items"]!.AsArray()
            .Count(m => m!["date"]!.GetValue<string>() == "2021-12-20"));
    }

    [Fact]
    public async Task AZeroWidthCharacterInANameIsRefused()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.ClientFor(Roles.Admin).PostAsJsonAsync("/api/v1/members",
            new { municipality = "peje", memberRef = "Z1", fullName = "Arta\u200BGashi", role = "other", appointedOn = "2021-01-01" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invisible", (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["fullName"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task AnExportInAFormatItDoesNotWriteIsRefused()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.ClientFor(Roles.Admin).GetAsync("/api/v1/export?format=pdf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("xlsx, csv", (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["format"]![0]!.GetValue<string>());
    }

    [Fact]
    public void UploadsLeftBehindByAKilledServerAreRemovedAndOnesInFlightAreNot()
    {
        using var folder = new TempFolder();
        var orphan = Path.Combine(folder.Path, "ASPNETCORE_0a1b.tmp");
        var inFlight = Path.Combine(folder.Path, "ASPNETCORE_2c3d.tmp");
        var other = Path.Combine(folder.Path, "other.tmp");
        foreach (var file in new[] { orphan, inFlight, other }) File.WriteAllText(file, "part of an upload");
        File.SetLastWriteTimeUtc(orphan, DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(other, DateTime.UtcNow.AddHours(-2));

        var removed = OrphanedUploads.Remove(folder.Path, DateTime.UtcNow);

        Assert.Equal(1, removed);
        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(inFlight));
        Assert.True(File.Exists(other));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoInstancesStartingTheDemoTogetherBothStartAndPublishAYearOnce(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        async Task StartAsync()
        {
            await using var services = await database.OpenServicesAsync();
            await using var scope = services.CreateAsyncScope();
            var loader = scope.ServiceProvider.GetRequiredService<DemoLoader>();
            // Both publish, as two `serve --demo` that both found the database empty would; one year keeps it short.
            await loader.LoadIfEmptyAsync();
            await loader.PublishAsync([2021]);
        }

        await Task.WhenAll(StartAsync(), StartAsync());

        await using var check = await database.OpenServicesAsync();
        await using var scope = check.CreateAsyncScope();
        Assert.Single(await scope.ServiceProvider.GetRequiredService<Publisher>().ListAsync(2021));
    }
}
