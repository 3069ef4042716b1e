using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using McscMonitor.Import;
using McscMonitor.Users;

namespace McscMonitor.Tests;

/// <summary>A year declared complete is declared on purpose, once it has ended; what has not happened cannot be recorded.</summary>
public class DeclaringCompleteTests
{
    private static readonly DateTimeOffset FourthOfDecember2026 = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private static Task<ApiHost> StartOnAsync(DateTimeOffset today, string provider = TestDatabase.Sqlite) =>
        ApiHost.StartAsync(provider, configure: builder => builder.Services.AddSingleton<TimeProvider>(new FixedClock(today)));

    [Fact]
    public async Task SubmittingAYearWithoutMeetingRecordsShowsTheZeroItDeclaresAndNeedsASecondClick()
    {
        await using var host = await StartOnAsync(FourthOfDecember2026);
        var officer = await host.SignInAsync(Roles.MunicipalOfficer);
        const string page = "/municipalities/peje?year=2019";

        var first = await officer.SubmitAsync(page, "/approvals/peje/2019/submit", new() { ["ReturnUrl"] = page });
        var html = await first.Content.ReadAsStringAsync();
        var stateAfterFirst = await host.RunCliAsync("approval", "status", "--year", "2019", "--format", "json");
        var confirmed = await officer.SubmitAsync(page, "/approvals/peje/2019/submit", new() { ["ReturnUrl"] = page, ["Confirm"] = "yes" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("held 0 meetings in 2019: none is recorded, and submitting declares that there were none.", html);
        Assert.Contains("No work plan is recorded for 2019", html);
        Assert.Contains("Yes, submit", html);
        Assert.DoesNotContain("\"submitted\"", stateAfterFirst.Output);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("\"state\": \"submitted\"", (await host.RunCliAsync("approval", "status", "--year", "2019", "--format", "json")).Output);
    }

    [Fact]
    public async Task TheCommandLineSaysWhatSubmittingDeclaresAndNeedsConfirmForADeclaredZero()
    {
        await using var host = await StartOnAsync(FourthOfDecember2026);

        var withRecords = await host.RunCliAsync("approval", "submit", "--year", "2021", "--municipality", "peje");
        var empty = await host.RunCliAsync("approval", "submit", "--year", "2019", "--municipality", "peje");
        var confirmed = await host.RunCliAsync("approval", "submit", "--year", "2019", "--municipality", "peje", "--confirm");

        Assert.Equal(0, withRecords.ExitCode);
        Assert.Contains("Meetings held in 2021: ", withRecords.Output);
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("held 0 meetings in 2019", empty.Output);
        Assert.Contains("--confirm", empty.Error);
        Assert.Equal(0, confirmed.ExitCode);
    }

    [Fact]
    public async Task TheYearInProgressCannotBeSubmittedAndOffersNoSubmitButton()
    {
        await using var host = await StartOnAsync(FourthOfDecember2026);
        var officer = await host.SignInAsync(Roles.MunicipalOfficer);

        var (_, page) = await officer.GetAsync("/municipalities/peje?year=2026");
        var posted = await officer.SubmitAsync("/municipalities/peje?year=2026", "/approvals/peje/2026/submit", new() { ["Confirm"] = "yes" });
        var cli = await host.RunCliAsync("approval", "submit", "--year", "2026", "--municipality", "peje", "--confirm");

        Assert.DoesNotContain("/approvals/peje/2026/submit", page);
        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        Assert.Contains("2026 has not ended yet", await posted.Content.ReadAsStringAsync());
        Assert.Equal(1, cli.ExitCode);
    }

    [Fact]
    public async Task AnOfficerWithdrawsASubmissionUntilItIsVerified()
    {
        await using var host = await StartOnAsync(FourthOfDecember2026);
        var officer = await host.SignInAsync(Roles.MunicipalOfficer);
        const string page = "/municipalities/peje?year=2021";
        await officer.SubmitAsync(page, "/approvals/peje/2021/submit", new() { ["Confirm"] = "yes" });

        var (_, submittedPage) = await officer.GetAsync(page);
        var withdrawn = await officer.SubmitAsync(page, "/approvals/peje/2021/withdraw", []);
        await officer.SubmitAsync(page, "/approvals/peje/2021/submit", new() { ["Confirm"] = "yes" });
        await host.RunCliAsync("approval", "verify", "--year", "2021", "--municipality", "peje");
        var afterVerify = await officer.SubmitAsync(page, "/approvals/peje/2021/withdraw", []);

        Assert.Contains("Withdraw the submission", submittedPage);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, afterVerify.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WhatHasNotHappenedYetIsRefusedThroughTheApiAndTheImport(string provider)
    {
        await using var host = await StartOnAsync(FourthOfDecember2026, provider);
        var admin = host.ClientFor(Roles.Admin);

        var heldLater = await admin.PostAsJsonAsync("/api/v1/meetings", new { municipality = "peje", date = "2026-12-28", status = "held" });
        var cancelledAhead = await admin.PostAsJsonAsync("/api/v1/meetings", new { municipality = "peje", date = "2026-12-28", status = "cancelled" });
        var adoptedLater = await admin.PostAsJsonAsync("/api/v1/work-plans",
            new { municipality = "peje", year = 2026, adoptedOn = "2027-01-10", addressesNonMajorityConcerns = true });
        var appointedLater = await admin.PostAsJsonAsync("/api/v1/members", new { municipality = "peje", memberRef = "F1", role = "other", appointedOn = "2027-01-01" });
        var read = ExchangeReader.ReadCsv("meetings.csv", "meetings", Encoding.UTF8.GetBytes("municipality,date,status\npeje,2026-12-28,held\n"));
        await using var scope = host.Services.CreateAsyncScope();
        var import = await scope.ServiceProvider.GetRequiredService<Importer>().ImportAsync(read);

        Assert.Equal(HttpStatusCode.BadRequest, heldLater.StatusCode);
        Assert.Contains("2026-12-28 is after today (2026-12-04)", (await heldLater.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["date"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, cancelledAhead.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, adoptedLater.StatusCode);
        Assert.NotNull((await adoptedLater.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["adoptedOn"]);
        Assert.Equal(HttpStatusCode.BadRequest, appointedLater.StatusCode);
        Assert.Equal("date", Assert.Single(import.Errors).Column);
    }

    [Fact]
    public async Task AFutureHeldMeetingIsRefusedOnTheFormInTheReadersLanguage()
    {
        await using var host = await StartOnAsync(FourthOfDecember2026);
        var officer = await host.SignInAsync(Roles.MunicipalOfficer, "sq");

        var response = await officer.SubmitAsync("/municipalities/peje/meetings/new", "/meetings",
            new() { ["municipality"] = "peje", ["date"] = "2026-12-28", ["status"] = "held" });

        Assert.Contains("2026-12-28 është pas datës së sotme (2026-12-04)", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnAdoptedPlanMustSayWhetherItAddressesNonMajorityConcernsAndPlansAndCompensationNeedTheCouncilThatYear(string provider)
    {
        await using var host = await StartOnAsync(FourthOfDecember2026, provider);
        var admin = host.ClientFor(Roles.Admin);

        var unsaid = await admin.PostAsJsonAsync("/api/v1/work-plans", new { municipality = "peje", year = 2022, adoptedOn = "2022-02-01" });
        var draft = await admin.PostAsJsonAsync("/api/v1/work-plans", new { municipality = "peje", year = 2023 });
        var beforeCouncil = await admin.PostAsJsonAsync("/api/v1/work-plans",
            new { municipality = "peje", year = 2012, adoptedOn = "2012-02-01", addressesNonMajorityConcerns = true });
        var compensationBefore = await admin.PostAsJsonAsync("/api/v1/compensation", new { municipality = "peje", year = 2012, status = "paid" });
        var read = ExchangeReader.ReadCsv("work_plans.csv", "work_plans", Encoding.UTF8.GetBytes(
            "municipality,year,adopted_on,addresses_non_majority_concerns\npeje,2022,2022-02-01,\npeje,2012,,\n"));
        await using var scope = host.Services.CreateAsyncScope();
        var import = await scope.ServiceProvider.GetRequiredService<Importer>().ImportAsync(read);

        Assert.Equal(HttpStatusCode.BadRequest, unsaid.StatusCode);
        Assert.Contains("must say whether", (await unsaid.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["addressesNonMajorityConcerns"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, beforeCouncil.StatusCode);
        Assert.Contains("had no council in 2012; it was established on 2013-04-10",
            (await beforeCouncil.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["year"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, compensationBefore.StatusCode);
        Assert.Equal([(2, "addresses_non_majority_concerns"), (3, "year")], import.Errors.Select(e => (e.Row ?? 0, e.Column)));
    }

    [Fact]
    public async Task TheCheckVerbListsStoredRecordsThatNewerRulesRefuse()
    {
        await using var host = await StartOnAsync(FourthOfDecember2026);
        var clean = await host.RunCliAsync("check");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // Entered before the rules existed: written straight to the database, as an old version of the app would have.
            var db = scope.ServiceProvider.GetRequiredService<McscMonitor.Data.McscDbContext>();
            var peje = db.Councils.Single(c => c.MunicipalityCode == "peje");
            db.WorkPlans.Add(new Core.Domain.WorkPlan { CouncilId = peje.Id, Year = 2022, AdoptedOn = new DateOnly(2022, 2, 1) });
            db.Compensation.Add(new Core.Domain.Compensation { MunicipalityCode = "viti", Year = 2021, Status = Core.Domain.CompensationStatus.Paid });
            await db.SaveChangesAsync();
        }

        var found = await host.RunCliAsync("check");

        Assert.Equal(0, clean.ExitCode);
        Assert.Equal(1, found.ExitCode);
        Assert.Contains("work_plans.csv, peje 2022: an adopted plan must say whether it addresses", found.Output);
        Assert.Contains("compensation.csv, viti 2021: Viti has no council recorded", found.Output);
    }

    [Fact]
    public async Task MembershipWithNoRecordIsNoDataUntilTheYearIsDeclaredComplete()
    {
        await using var host = await StartOnAsync(FourthOfDecember2026);
        var monitor = await host.SignInAsync(Roles.Monitor);
        JsonNode? Gjilan(JsonObject indicators) =>
            indicators["municipalities"]!.AsArray().Single(m => m!["code"]!.GetValue<string>() == "gjilan")!["members"];

        var before = (await host.ClientFor(Roles.Monitor).GetFromJsonAsync<JsonObject>("/api/v1/indicators/2021"))!;
        var (_, page) = await monitor.GetAsync("/municipalities/gjilan?year=2021");
        await host.RunCliAsync("approval", "submit", "--year", "2021", "--municipality", "gjilan", "--confirm");
        var after = (await host.ClientFor(Roles.Monitor).GetFromJsonAsync<JsonObject>("/api/v1/indicators/2021"))!;

        Assert.Null(Gjilan(before));
        Assert.Contains("No member is recorded for 2021: membership is not known (no data).", page);
        Assert.Equal(0, Gjilan(after)!["total"]!.GetValue<int>());
    }
}
