using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using McscMonitor.Users;

namespace McscMonitor.Tests;

public class ApprovalTests
{
    private static async Task<JsonObject> FirstMeetingAsync(HttpClient admin, int year) =>
        (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/meetings?municipality=peje&year={year}"))!["items"]!.AsArray()[0]!.AsObject();

    [Fact]
    public async Task WithFourEyesTheSubmitterCannotVerifyAndTheOnlyVerifierCannotPublish()
    {
        await using var host = await ApiHost.StartAsync(settings: new Dictionary<string, string?> { ["Approval:FourEyes"] = "true" });
        var monitor = await host.SignInAsync(Roles.Monitor);
        await host.RunCliAsync("approval", "submit", "--year", "2021", "--municipality", "peje", "--confirm");

        var ownVerify = await host.RunCliAsync("approval", "verify", "--year", "2021", "--municipality", "peje");
        var otherVerify = await monitor.SubmitAsync("/approvals?year=2021", "/approvals/peje/2021/verify", []);
        var onlyVerifierPublishes = await monitor.SubmitAsync("/publications?year=2021", "/publications/2021",
            new() { ["UnverifiedReason"] = "Pejë first." });
        var someoneElsePublishes = await host.RunCliAsync("publish", "--year", "2021", "--unverified-reason", "Pejë first.");

        Assert.Equal(1, ownVerify.ExitCode);
        Assert.Contains("another monitor or admin must verify it", ownVerify.Error);
        Assert.Equal(HttpStatusCode.Redirect, otherVerify.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, onlyVerifierPublishes.StatusCode);
        Assert.Contains("someone else must publish", await onlyVerifierPublishes.Content.ReadAsStringAsync());
        Assert.Equal(0, someoneElsePublishes.ExitCode);
    }

    [Fact]
    public async Task AWriteToASubmittedYearIsRefusedThroughTheApiTheFormAndTheImportAndChangesNothing()
    {
        await using var host = await ApiHost.StartAsync();
        var admin = host.ClientFor(Roles.Admin);
        var submit = await host.RunCliAsync("approval", "submit", "--year", "2021", "--municipality", "Pejë");
        var meeting = await FirstMeetingAsync(admin, 2021);
        var before = await host.RunCliAsync("export", "--help");

        // The API: 409, with a problem type that names the state.
        using var update = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/meetings/{meeting["id"]}");
        meeting["attendees"] = 99;
        update.Content = JsonContent.Create(meeting);
        update.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{meeting["version"]}\""));
        var api = await admin.SendAsync(update);
        var created = await admin.PostAsJsonAsync("/api/v1/meetings", new { municipality = "peje", date = "2021-12-20", status = "held" });
        // The form.
        var session = await host.SignInAsync(Roles.MunicipalOfficer);
        var form = await session.SubmitAsync("/municipalities/peje/meetings/new", "/meetings",
            new() { ["municipality"] = "peje", ["date"] = "2021-12-21", ["status"] = "held" });
        // The import: the row is named.
        var import = await admin.PostAsync("/api/v1/imports", Hostile.CraftedFiles.Upload("meetings.csv",
            Hostile.CraftedFiles.Utf8("municipality,date,status\npeje,2022-05-05,held\npeje,2021-12-22,held\n")));
        // Another year of the same municipality stays open.
        var otherYear = await admin.PostAsJsonAsync("/api/v1/meetings", new { municipality = "peje", date = "2022-12-20", status = "held" });

        Assert.Equal(0, submit.ExitCode);
        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        var problem = (await api.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("/problems/year-submitted", problem["type"]!.GetValue<string>());
        Assert.Contains("Pejë/Peć's data for 2021 is submitted", problem["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, created.StatusCode);
        Assert.Contains("data for 2021 is submitted", await form.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, import.StatusCode);
        var errors = (await import.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray();
        Assert.Equal(3, errors.Single()!["row"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Created, otherYear.StatusCode);
        var after = await FirstMeetingAsync(admin, 2021);
        Assert.NotEqual(99, after["attendees"]?.GetValue<int>());
        Assert.Equal(7, (await admin.GetFromJsonAsync<JsonObject>("/api/v1/meetings?municipality=peje&year=2021"))!["total"]!.GetValue<int>());
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonObject>("/api/v1/meetings?municipality=peje&year=2022"))!["total"]!.GetValue<int>());
        Assert.Equal(0, before.ExitCode);
    }

    [Fact]
    public async Task AnOfficerSubmitsAMonitorSendsBackWithAReasonTheOfficerSeesItAndResubmitsThenItIsVerified()
    {
        await using var host = await ApiHost.StartAsync();
        var officer = await host.SignInAsync(Roles.MunicipalOfficer);
        var monitor = await host.SignInAsync(Roles.Monitor);
        var page = "/municipalities/peje?year=2021";

        var submitted = await officer.SubmitAsync(page, "/approvals/peje/2021/submit", new() { ["ReturnUrl"] = page, ["Confirm"] = "yes" });
        var officerVerifies = await officer.SubmitAsync(page, "/approvals/peje/2021/verify", new() { ["ReturnUrl"] = page });
        var noReason = await monitor.SubmitAsync("/approvals?year=2021", "/approvals/peje/2021/return", new() { ["Reason"] = " " });
        var returned = await monitor.SubmitAsync("/approvals?year=2021", "/approvals/peje/2021/return", new() { ["Reason"] = "The June meeting has no attendance." });
        var (_, officerSees) = await officer.GetAsync(page);
        await officer.SubmitAsync(page, "/approvals/peje/2021/submit", new() { ["ReturnUrl"] = page, ["Confirm"] = "yes" });
        var verified = await monitor.SubmitAsync("/approvals?year=2021", "/approvals/peje/2021/verify", new() { ["ReturnUrl"] = "/approvals?year=2021" });
        var (_, overview) = await monitor.GetAsync("/approvals?year=2021");
        var status = await host.RunCliAsync("approval", "status", "--year", "2021", "--format", "json");

        Assert.True(HttpStatusCode.Redirect == submitted.StatusCode, await submitted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, officerVerifies.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Contains("Sent back: The June meeting has no attendance.", officerSees);
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Contains(">verified<", overview.Replace("<br />", "<"));
        Assert.Contains("\"state\": \"verified\"", status.Output);
    }

    [Fact]
    public async Task AnOfficerCannotSubmitAnotherMunicipalitysData()
    {
        await using var host = await ApiHost.StartAsync();
        var officer = await host.SignInAsync(Roles.MunicipalOfficer);

        var response = await officer.SubmitAsync("/municipalities/peje?year=2021", "/approvals/gracanice/2021/submit", []);

        Assert.True(HttpStatusCode.Forbidden == response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SubmittedDataIsDeclaredCompleteSoNoMeetingRecordedMeansNoneHeld()
    {
        await using var host = await ApiHost.StartAsync();
        var before = await host.RunCliAsync("indicators", "--year", "2021", "--municipality", "gjilan");

        await host.RunCliAsync("approval", "submit", "--year", "2021", "--municipality", "gjilan", "--confirm");
        var after = await host.RunCliAsync("indicators", "--year", "2021", "--municipality", "gjilan");

        Assert.Contains("\"meetingsHeld\": null", before.Output);
        Assert.Contains("\"meetingsHeld\": 0", after.Output);
    }

    [Fact]
    public async Task ReturningNeedsAReasonOnTheCommandLineToo()
    {
        await using var host = await ApiHost.StartAsync();
        await host.RunCliAsync("approval", "submit", "--year", "2021", "--municipality", "peje");

        var withoutReason = await host.RunCliAsync("approval", "return", "--year", "2021", "--municipality", "peje");
        var verifyTwice = await host.RunCliAsync("approval", "reopen", "--year", "2021", "--municipality", "peje", "--reason", "x");

        Assert.Equal(1, withoutReason.ExitCode);
        Assert.Contains("A reason is required", withoutReason.Error);
        Assert.Equal(1, verifyTwice.ExitCode);
        Assert.Contains("The data is submitted, so it cannot be given the step “reopen”; the steps from submitted are: verify, send back, withdraw.", verifyTwice.Error);
    }

    [Fact]
    public async Task AReasonIsBoundedLikeAnyFreeTextAndAPublicationNoteToo()
    {
        await using var host = await ApiHost.StartAsync();
        await host.RunCliAsync("approval", "submit", "--year", "2021", "--municipality", "peje");
        var monitor = await host.SignInAsync(Roles.Monitor);

        var tooLong = await monitor.SubmitAsync("/approvals?year=2021", "/approvals/peje/2021/return", new() { ["Reason"] = new string('x', 501) });
        var bidi = await host.RunCliAsync("approval", "return", "--year", "2021", "--municipality", "peje", "--reason", "bad \u202E reason");
        var note = await host.RunCliAsync("publish", "--year", "2021", "--note", new string('n', 501), "--unverified-reason", "test");
        var status = await host.RunCliAsync("approval", "status", "--year", "2021");

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("at most 500", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(1, bidi.ExitCode);
        Assert.Contains("control, invisible or text-direction characters", bidi.Error);
        Assert.Equal(1, note.ExitCode);
        Assert.Contains("at most 500", note.Error);
        Assert.Matches(@"Pejë/Peć\s+submitted", status.Output);
    }
}
