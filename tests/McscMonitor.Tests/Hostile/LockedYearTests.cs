using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using McscMonitor.Approvals;
using McscMonitor.Audit;
using McscMonitor.Core.Approval;
using McscMonitor.Data;
using McscMonitor.Export;
using McscMonitor.FactSheet;
using McscMonitor.Import;
using McscMonitor.Indicators;
using McscMonitor.Publications;
using McscMonitor.Users;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Tests.Hostile;

/// <summary>A verified or published year cannot change, by any route and at any moment.</summary>
public class LockedYearTests
{
    private static async Task<T> InScopeAsync<T>(ApiHost host, Func<IServiceProvider, Task<T>> act)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider);
    }

    private static Task<int> MeetingsAsync(ApiHost host, int year) => InScopeAsync(host, services =>
        services.GetRequiredService<McscDbContext>().Meetings.CountAsync(m => m.Date.Year == year && m.CouncilId ==
            services.GetRequiredService<McscDbContext>().Councils.Single(c => c.MunicipalityCode == "peje").Id));

    private static Task<ApprovalDecision> ActAsync(ApiHost host, string code, int year, ApprovalAction action, string? reason = null) =>
        InScopeAsync(host, services => services.GetRequiredService<ApprovalWorkflow>().ActAsync(code, year, action, ApprovalRole.Admin, reason));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnApprovalOfAYearOutsideTheBoundsOrOfAnUnknownMunicipalityIsRefusedAndWritesGoOn(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var officer = await host.SignInAsync(Roles.MunicipalOfficer);
        var page = "/municipalities/peje?year=2021";

        var farFuture = await officer.SubmitAsync(page, "/approvals/peje/99999/submit", []);
        var zero = await officer.SubmitAsync(page, "/approvals/peje/0/submit", []);
        var negative = await officer.SubmitAsync(page, "/approvals/peje/-5/submit", []);
        var old = await officer.SubmitAsync(page, "/approvals/peje/1999/submit", []);
        var unknown = await officer.SubmitAsync(page, "/approvals/nowhere/2021/submit", []);
        var cli = await host.RunCliAsync("approval", "submit", "--year", "99999", "--municipality", "peje");
        var write = await host.ClientFor(Roles.MunicipalOfficer).PostAsJsonAsync("/api/v1/meetings",
            new { municipality = "peje", date = "2021-12-20", status = "held" });

        foreach (var refused in new[] { farFuture, zero, negative, old })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Contains("2000", problem["errors"]!["year"]![0]!.GetValue<string>());
        }
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("99999", cli.Error);
        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
        Assert.Equal(0, await InScopeAsync(host, services => services.GetRequiredService<McscDbContext>().Approvals.CountAsync()));
    }

    [Fact]
    public void TheGuardNeverThrowsOnAYearNoRecordCanFallIn()
    {
        var meeting = new Core.Domain.Meeting { Date = new DateOnly(2021, 5, 5) };

        Assert.False(YearContribution.Alters(null, meeting, 99999));
        Assert.False(YearContribution.Alters(null, meeting, -5));
        Assert.True(YearContribution.Alters(null, meeting, 2021));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnImportRacingASubmissionWritesNothingIntoTheYearItClosed(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var before = await MeetingsAsync(host, 2021);
        var read = ExchangeReader.ReadCsv("meetings.csv", "meetings",
            Encoding.UTF8.GetBytes("municipality,date,status\npeje,2021-12-20,held\npeje,2021-12-21,held\n"));

        var outcome = await InScopeAsync(host, async services =>
        {
            var importer = services.GetRequiredService<Importer>();
            // The year closes after the import has checked every row, before it writes any.
            importer.BetweenPasses = async _ => Assert.True((await ActAsync(host, "peje", 2021, ApprovalAction.Submit)).Allowed);
            return await importer.ImportAsync(read);
        });

        Assert.False(outcome.Succeeded);
        Assert.Equal([2, 3], outcome.Errors.Select(e => e.Row));
        Assert.All(outcome.Errors, error => Assert.Contains("2021 is submitted", error.Message));
        Assert.Equal(before, await MeetingsAsync(host, 2021));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheCheckPassListsRowsThatWouldChangeAClosedYearWithEveryOtherError(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        Assert.True((await ActAsync(host, "peje", 2021, ApprovalAction.Submit)).Allowed);
        var read = ExchangeReader.ReadCsv("meetings.csv", "meetings", Encoding.UTF8.GetBytes(
            "municipality,date,status\npeje,2021-12-20,held\npeje,2022-13-01,held\npeje,2022-12-01,held\n"));

        var outcome = await InScopeAsync(host, services => services.GetRequiredService<Importer>().ImportAsync(read));

        Assert.Equal([2, 3], outcome.Errors.Select(e => e.Row));
        Assert.Contains("2021 is submitted", outcome.Errors[0].Message);
        Assert.Equal("date", outcome.Errors[1].Column);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReimportingTheRecordsOfAClosedYearUnchangedIsAccepted(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        Assert.True((await ActAsync(host, "peje", 2021, ApprovalAction.Submit)).Allowed);

        var again = await host.RunCliAsync("import", TestDatabase.ExampleFolder);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("meetings: 0 added, 0 updated", again.Output);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AMajorityCommunityChangeIsRefusedWhileAYearOfTheMunicipalityIsClosed(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var admin = await host.SignInAsync(Roles.Admin);
        Assert.True((await ActAsync(host, "peje", 2021, ApprovalAction.Submit)).Allowed);
        var nonMajorityBefore = await host.RunCliAsync("indicators", "--year", "2021", "--municipality", "peje");

        var refused = await admin.SubmitAsync("/municipalities/peje", "/municipalities/peje/majority-community",
            new() { ["community"] = "serbian", ["current"] = "albanian" });
        var elsewhere = await admin.SubmitAsync("/municipalities/gracanice", "/municipalities/gracanice/majority-community",
            new() { ["community"] = "albanian", ["current"] = "serbian" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("2021", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        Assert.Equal(nonMajorityBefore.Output, (await host.RunCliAsync("indicators", "--year", "2021", "--municipality", "peje")).Output);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ErasingAMemberKeepsAClosedYearsCommunities(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var admin = host.ClientFor(Roles.Admin);
        Assert.True((await ActAsync(host, "peje", 2021, ApprovalAction.Submit)).Allowed);
        var before = await host.RunCliAsync("indicators", "--year", "2021", "--municipality", "peje");
        var serbian = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/members?municipality=peje"))!["items"]!.AsArray()
            .Single(m => m!["memberRef"]!.GetValue<string>() == "P03")!["id"]!.GetValue<int>();

        var erase = await admin.PostAsync($"/api/v1/members/{serbian}/erase", null);

        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        var after = await host.RunCliAsync("indicators", "--year", "2021", "--municipality", "peje");
        Assert.Contains("serbian", before.Output);
        Assert.Equal(before.Output, after.Output);
    }

    [Fact]
    public async Task AnOfficerAddsProgressNotesToTheirRecommendationsButOnlyAMonitorSetsTheStatus()
    {
        await using var host = await ApiHost.StartAsync();
        var monitor = host.ClientFor(Roles.Monitor);
        var officer = host.ClientFor(Roles.MunicipalOfficer);
        Assert.Equal(0, (await host.RunCliAsync("publish", "--year", "2022", "--unverified-reason", "test")).ExitCode);
        var recommendation = new Dictionary<string, object?>
        {
            ["municipality"] = "peje", ["year"] = 2022, ["rule"] = "meetings-per-year", ["textSq"] = "Të mbahen takimet.", ["textSrLatn"] = "Održati sastanke.",
            ["textEn"] = "Hold the meetings.", ["institution"] = "municipality", ["status"] = "open",
        };

        var byOfficer = await officer.PostAsJsonAsync("/api/v1/recommendations", recommendation);
        var created = await monitor.PostAsJsonAsync("/api/v1/recommendations", recommendation);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        var current = await officer.GetAsync($"/api/v1/recommendations/{id}");
        using var update = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/recommendations/{id}")
        {
            Content = JsonContent.Create(new Dictionary<string, object?>(recommendation) { ["status"] = "addressed" }),
        };
        update.Headers.IfMatch.Add(current.Headers.ETag!);
        var addressed = await officer.SendAsync(update);
        var progress = await officer.PostAsJsonAsync($"/api/v1/recommendations/{id}/progress", new { text = "Two meetings held." });

        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, addressed.StatusCode);
        Assert.Contains("only a monitor", (await addressed.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["status"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, progress.StatusCode);
        var stored = (await monitor.GetFromJsonAsync<JsonObject>($"/api/v1/recommendations/{id}"))!;
        Assert.Equal("open", stored["status"]!.GetValue<string>());
        var notes = (await monitor.GetFromJsonAsync<JsonArray>($"/api/v1/recommendations/{id}/progress"))!;
        Assert.Equal("Two meetings held.", Assert.Single(notes)!["text"]!.GetValue<string>());
    }

    /// <summary>A clock that stops a publication while it renders, or holds two publications until both have started.</summary>
    private sealed class PublicationClock(Action onRender) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow()
        {
            onRender();
            return base.GetUtcNow();
        }
    }

    private static Publisher PublisherWith(IServiceProvider services, TimeProvider clock) => new(
        services.GetRequiredService<McscDbContext>(), services.GetRequiredService<ApprovalWorkflow>(), services.GetRequiredService<FactSheetBuilder>(),
        services.GetRequiredService<IndicatorQuery>(), services.GetRequiredService<Exporter>(), services.GetRequiredService<AuditActor>(), clock,
        services.GetRequiredService<PublisherOptions>(), services.GetRequiredService<McscMonitor.Core.Rules.Rulebook>());

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task APublicationThatFailsWhileRenderingLeavesTheYearVerifiedAndUnpublished(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        Assert.True((await ActAsync(host, "peje", 2021, ApprovalAction.Submit)).Allowed);
        Assert.True((await ActAsync(host, "peje", 2021, ApprovalAction.Verify)).Allowed);

        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => InScopeAsync(host, services =>
            PublisherWith(services, new PublicationClock(stop.Cancel)).PublishAsync(2021, null, "test", stop.Token)));

        await InScopeAsync(host, async services =>
        {
            var db = services.GetRequiredService<McscDbContext>();
            Assert.Equal(ApprovalState.Verified, (await db.Approvals.SingleAsync(a => a.MunicipalityCode == "peje" && a.Year == 2021)).State);
            Assert.Equal(0, await db.Publications.CountAsync());
            return 0;
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoPublicationsOfAYearAtOnceMakeOneVersionAndTheOtherIsToldSo(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        Assert.True((await ActAsync(host, "peje", 2021, ApprovalAction.Submit)).Allowed);
        Assert.True((await ActAsync(host, "peje", 2021, ApprovalAction.Verify)).Allowed);
        // Both have read the year's state and version numbers before either renders.
        using var bothStarted = new Barrier(2);

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => InScopeAsync(host, services =>
            PublisherWith(services, new PublicationClock(() => bothStarted.SignalAndWait(TimeSpan.FromMinutes(1)))).PublishAsync(2021, null, "test")))));

        Assert.Single(results, result => result.Publication is not null);
        var refused = Assert.Single(results, result => result.Publication is null);
        Assert.True(refused.Raced);
        Assert.Contains("version 1 of 2021 was published", refused.Refusal);
        await InScopeAsync(host, async services =>
        {
            var db = services.GetRequiredService<McscDbContext>();
            Assert.Equal(1, await db.Publications.CountAsync());
            Assert.Equal(ApprovalState.Locked, (await db.Approvals.SingleAsync(a => a.MunicipalityCode == "peje" && a.Year == 2021)).State);
            return 0;
        });
    }

    [Fact]
    public async Task ADoubleClickedPublishMakesOneVersion()
    {
        await using var host = await ApiHost.StartAsync();
        var monitor = await host.SignInAsync(Roles.Monitor);
        var form = new Dictionary<string, string> { ["UnverifiedReason"] = "Published for the test." };

        var clicks = await Task.WhenAll(monitor.SubmitAsync("/publications?year=2021", "/publications/2021", form),
            monitor.SubmitAsync("/publications?year=2021", "/publications/2021", form));

        // The one that publishes is sent on to the version's page (post, redirect, get).
        Assert.Single(clicks, click => click.StatusCode == HttpStatusCode.Redirect);
        // The other either met the first in its transaction (409) or came after it and was asked for a change note (422).
        Assert.Single(clicks, click => click.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity);
        Assert.Single(await InScopeAsync(host, services => services.GetRequiredService<Publisher>().ListAsync(2021)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ConcurrentApprovalStepsOnOneYearNeverAnswer500(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var monitors = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.SignInAsync(Roles.Monitor)));
        const string page = "/approvals?year=2021";

        var submits = await Task.WhenAll(monitors.Select(m => m.SubmitAsync(page, "/approvals/peje/2021/submit", new() { ["Confirm"] = "yes" })));
        var verifies = await Task.WhenAll(monitors.Select(m => m.SubmitAsync(page, "/approvals/peje/2021/verify", [])));

        foreach (var round in new[] { submits, verifies })
        {
            Assert.Single(round, response => response.StatusCode == HttpStatusCode.Redirect);
            Assert.All(round.Where(response => response.StatusCode != HttpStatusCode.Redirect),
                response => Assert.Equal(HttpStatusCode.Conflict, response.StatusCode));
        }
    }

    [Fact]
    public async Task AFileOfAMillionUnknownNamesStopsAtTheErrorLimitInsteadOfMatchingEveryOne()
    {
        await using var host = await ApiHost.StartAsync();
        var limits = new ImportLimits();
        var rows = new StringBuilder("municipality,date,status\n");
        for (var row = 0; row < 200_000; row++) rows.Append("Nowhere-").Append(row).Append(",2021-05-05,held\n");
        var read = ExchangeReader.ReadCsv("meetings.csv", "meetings", Encoding.UTF8.GetBytes(rows.ToString()));
        var reports = new List<ImportProgress>();

        var outcome = await InScopeAsync(host, services => services.GetRequiredService<Importer>().ImportAsync(read, new Recorder(reports)));

        Assert.True(outcome.CheckingStopped);
        Assert.Equal(limits.MaxCheckedErrors, outcome.ErrorCount);
        Assert.Contains("checking stopped after 1000 errors", outcome.StoppedNote);
        // Progress is reported every 10,000 rows: the first report would mean the rest of the file was read.
        Assert.Empty(reports);
    }

    private sealed class Recorder(List<ImportProgress> reports) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => reports.Add(value);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryViewOfMembersPersonalDataIsAuditedOncePerRequest(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var admin = host.ClientFor(Roles.Admin);
        var session = await host.SignInAsync(Roles.Monitor);
        var created = await admin.PostAsJsonAsync("/api/v1/members",
            new { municipality = "peje", memberRef = "A1", fullName = "Arta Gashi", role = "other", appointedOn = "2021-01-01" });
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        async Task<List<AuditEntry>> ViewsAsync() => await InScopeAsync(host, services => services.GetRequiredService<McscDbContext>()
            .AuditEntries.AsNoTracking().Where(e => e.Entity == AuditTrail.MemberList).OrderBy(e => e.Id).ToListAsync());

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/members?municipality=peje")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/members/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync($"/members/{id}/edit")).Status);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/audit?entity=Member")).Status);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/audit.csv?entity=Member")).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/export?format=csv&municipality=peje")).StatusCode);

        var views = await ViewsAsync();
        Assert.Equal(["view", "view", "view", "view", "export", "export"], views.Select(v => v.Action));
        Assert.Equal(["peje", "peje", "peje", null, null, "peje"], views.Select(v => v.MunicipalityCode));
        Assert.Equal(["8", "1", "1", "1", "1", "8"], views.Select(v => System.Text.Json.Nodes.JsonNode.Parse(v.Changes)![AuditTrail.MembersShown]!["new"]!.ToJsonString()));
        Assert.Equal([true, true, false, false, false, true], views.Select(v => v.Actor.Contains("ada")));
        Assert.All(views.Skip(2).Take(3), v => Assert.Contains("mona", v.Actor));
    }
}
