using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Web;
using McscMonitor.Data;
using McscMonitor.Users;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Tests;

/// <summary>The browser forms of every record type, driven over HTTP as a browser without JavaScript would.</summary>
public class RecordFormsTests
{
    /// <summary>Per record type: who, where, what a new record says, one change and how the API then shows it.</summary>
    public static TheoryData<string, string, string, string, string, string, string, string> RecordTypes => new()
    {
        { "councils", "Council", Roles.Admin, "ferizaj", "establishedOn=2016-03-01&assemblyDecision=05-016/16", "assemblyDecision=05-016/16-2", "assemblyDecision", "05-016/16-2" },
        { "members", "Member", Roles.MunicipalOfficer, "peje", "memberRef=P99&fullName=Drita Krasniqi&role=community_representative&gender=female&community=roma&appointedOn=2022-01-10", "leftOn=2022-11-30", "leftOn", "2022-11-30" },
        { "meetings", "Meeting", Roles.MunicipalOfficer, "peje", "date=2022-12-14&status=held&attendees=9&womenAttendees=3&discussedSecurityIncidents=yes", "attendees=10", "attendees", "10" },
        { "work-plans", "WorkPlan", Roles.Monitor, "peje", "year=2023&adoptedOn=2023-02-01&addressesNonMajorityConcerns=yes", "addressesNonMajorityConcerns=no", "addressesNonMajorityConcerns", "false" },
        { "compensation", "Compensation", Roles.MunicipalOfficer, "peje", "year=2023&status=partial&amountPerMeetingEur=12,50", "amountPerMeetingEur=15.75", "amountPerMeetingEur", "15.75" },
    };

    [Theory]
    [MemberData(nameof(RecordTypes))]
    public async Task EachRecordTypeIsCreatedChangedAndDeletedThroughItsFormAndAudited(
        string kind, string entity, string role, string municipality, string created, string change, string field, string expected)
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(role);
        var api = host.ClientFor(Roles.Admin);
        var before = await IdsAsync(api, kind, municipality);

        var create = await session.SubmitAsync($"/municipalities/{municipality}/{kind}/new", $"/{kind}", Fields(created, municipality));
        Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);
        Assert.StartsWith($"/municipalities/{municipality}", create.Headers.Location!.OriginalString);
        var id = Assert.Single((await IdsAsync(api, kind, municipality)).Except(before));

        var (_, editPage) = await session.GetAsync($"/{kind}/{id}/edit");
        var changed = Fields(created, municipality, change);
        changed["version"] = FormClient.InputValue(editPage, "version");
        var update = await session.SubmitAsync($"/{kind}/{id}/edit", $"/{kind}/{id}", changed);
        Assert.Equal(HttpStatusCode.Redirect, update.StatusCode);
        var record = await api.GetFromJsonAsync<JsonObject>($"/api/v1/{kind}/{id}");
        Assert.Equal(expected, record![field]!.ToString());

        var (_, deletePage) = await session.GetAsync($"/{kind}/{id}/edit");
        var delete = await session.SubmitAsync($"/{kind}/{id}/edit", $"/{kind}/{id}/delete",
            new() { ["municipality"] = municipality, ["version"] = FormClient.InputValue(deletePage, "version"), ["reason"] = "entered by mistake" });
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/{kind}/{id}")).StatusCode);

        await using var scope = host.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<McscDbContext>().AuditEntries
            .Where(e => e.Entity == entity && e.EntityKey == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["create", "update", "delete"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal(host.Account(role).UserName, e.Actor));
    }

    [Fact]
    public async Task ACompensationAmountTypedWithADecimalCommaIsStoredExactly()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.MunicipalOfficer);

        await session.SubmitAsync("/municipalities/peje/compensation/new", "/compensation", Fields("year=2023&status=partial&amountPerMeetingEur=12,50", "peje"));

        var page = await host.ClientFor(Roles.Admin).GetFromJsonAsync<JsonObject>("/api/v1/compensation?municipality=peje&year=2023");
        Assert.Equal(12.5m, page!["items"]![0]!["amountPerMeetingEur"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task WrongValuesAreShownNextToTheirFieldsAndNothingIsSaved()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.MunicipalOfficer);
        var api = host.ClientFor(Roles.Admin);
        var before = await IdsAsync(api, "meetings", "peje");

        var notNumbers = await session.SubmitAsync("/municipalities/peje/meetings/new", "/meetings",
            Fields("date=2022-12-14&status=held&attendees=nine&womenAttendees=3", "peje"));
        var tooManyWomen = await session.SubmitAsync("/municipalities/peje/meetings/new", "/meetings",
            Fields("date=2022-12-14&status=held&attendees=4&womenAttendees=6", "peje"));

        var notNumbersPage = WebUtility.HtmlDecode(await notNumbers.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, notNumbers.StatusCode);
        Assert.Contains("""id="attendees-error">'nine' is not a whole number""", notNumbersPage);
        Assert.Contains("""value="nine" """.TrimEnd(), notNumbersPage);
        var tooManyWomenPage = WebUtility.HtmlDecode(await tooManyWomen.Content.ReadAsStringAsync());
        Assert.Contains("""id="womenAttendees-error">6 women attendees is more than the 4 attendees in all""", tooManyWomenPage);
        Assert.Equal(before, await IdsAsync(api, "meetings", "peje"));
    }

    [Fact]
    public async Task FieldErrorsAreInTheReadersLanguage()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.MunicipalOfficer, language: "sq");

        var response = await session.SubmitAsync("/municipalities/peje/meetings/new", "/meetings",
            Fields("date=2022-12-14&status=held&attendees=4&womenAttendees=6", "peje"));

        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("""<html lang="sq">""", page);
        Assert.Contains("6 gra pjesëmarrëse janë më shumë se 4 pjesëmarrësit gjithsej", page);
        Assert.Contains("Asgjë nuk u ruajt", page);
    }

    [Fact]
    public async Task AMeetingOfASubmittedYearSaysSoOnItsPageAndOffersNoDeleteWhereOneOfAnOpenYearDoes()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.MunicipalOfficer);
        var api = host.ClientFor(Roles.Admin);
        var closed = (await api.GetFromJsonAsync<JsonObject>("/api/v1/meetings?municipality=peje&year=2021"))!["items"]![0]!["id"]!.GetValue<int>();
        var create = await session.SubmitAsync("/municipalities/peje/meetings/new", "/meetings", Fields("date=2022-12-14&status=held&attendees=9", "peje"));
        Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);
        var open = (await api.GetFromJsonAsync<JsonObject>("/api/v1/meetings?municipality=peje&year=2022"))!["items"]!.AsArray()
            .Single(m => m!["date"]!.ToString() == "2022-12-14")!["id"]!.GetValue<int>();
        await using (var scope = host.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<Approvals.ApprovalWorkflow>()
                .ActAsync("peje", 2021, Core.Approval.ApprovalAction.Submit, Core.Approval.ApprovalRole.Admin, null)).Allowed);

        var (_, closedPage) = await session.GetAsync($"/meetings/{closed}/edit");
        var (_, openPage) = await session.GetAsync($"/meetings/{open}/edit");

        Assert.Contains("data for 2021, which is submitted. Until a monitor reopens that year, the record cannot be deleted", closedPage);
        // What the page says an edit may do is what the guard does: no blanket "cannot be changed".
        Assert.DoesNotContain("cannot be changed", closedPage);
        Assert.DoesNotContain($"/meetings/{closed}/delete", closedPage);
        Assert.DoesNotContain("which is submitted", openPage);
        Assert.Contains($"/meetings/{open}/delete", openPage);

        // A refused edit comes back with the guard's reason and the stored record's closed year still said.
        var meeting = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/meetings/{closed}"))!;
        var refused = await session.SubmitAsync($"/meetings/{closed}/edit", $"/meetings/{closed}", Fields(
            $"date={meeting["date"]}&status=cancelled", "peje", $"version={FormClient.InputValue(closedPage, "version")}"));
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("cannot be changed until a monitor reopens it", refusedPage);
        Assert.Contains("data for 2021, which is submitted", refusedPage);
        Assert.Equal("held", (await api.GetFromJsonAsync<JsonObject>($"/api/v1/meetings/{closed}"))!["status"]!.ToString());
    }

    [Fact]
    public async Task AStaleFormIsRefusedAndTheOtherChangeStands()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.MunicipalOfficer);
        var api = host.ClientFor(Roles.Admin);
        var meeting = (await api.GetFromJsonAsync<JsonObject>("/api/v1/meetings?municipality=peje&year=2021"))!["items"]![0]!;
        var id = meeting["id"]!.GetValue<int>();
        var (_, formPage) = await session.GetAsync($"/meetings/{id}/edit");

        var theirs = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/meetings/{id}")
        {
            Content = JsonContent.Create(new { municipality = "peje", date = meeting["date"]!.ToString(), status = "held", attendees = 11 }),
        };
        theirs.Headers.IfMatch.ParseAdd($"\"{meeting["version"]}\"");
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(theirs)).StatusCode);
        var mine = await session.SubmitAsync($"/meetings/{id}/edit", $"/meetings/{id}", new()
        {
            ["municipality"] = "peje", ["date"] = meeting["date"]!.ToString(), ["status"] = "held", ["attendees"] = "3",
            ["version"] = FormClient.InputValue(formPage, "version"),
        });

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains("Someone changed this record since you opened it", await mine.Content.ReadAsStringAsync());
        Assert.Equal(11, (await api.GetFromJsonAsync<JsonObject>($"/api/v1/meetings/{id}"))!["attendees"]!.GetValue<int>());
    }

    public static TheoryData<string, string, bool> FormAccess => new()
    {
        { Roles.Admin, "prizren", true },
        { Roles.Monitor, "prizren", true },
        { Roles.MunicipalOfficer, "peje", true },
        { Roles.MunicipalOfficer, "prizren", false },
        { Roles.Viewer, "peje", false },
    };

    [Theory]
    [MemberData(nameof(FormAccess))]
    public async Task OnlyThoseWhoMayWriteAMunicipalitysRecordsGetItsForms(string role, string municipality, bool allowed)
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(role);

        foreach (var kind in new[] { "councils", "members", "meetings", "work-plans", "compensation" })
        {
            var response = await session.GetResponseAsync($"/municipalities/{municipality}/{kind}/new");
            if (allowed) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            else Assert.Equal("/forbidden", response.Headers.Location?.AbsolutePath);
        }
    }

    [Theory]
    [InlineData(Roles.MunicipalOfficer)]
    [InlineData(Roles.Viewer)]
    public async Task RecordsOfAMunicipalityOutOfReachCannotBeOpenedChangedOrDeletedThroughForms(string role)
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(role);
        var api = host.ClientFor(Roles.Admin);

        foreach (var kind in new[] { "councils", "members", "meetings", "work-plans", "compensation" })
        {
            var record = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/{kind}?municipality=gracanice"))!["items"]![0]!;
            var id = record["id"]!.GetValue<int>();
            var version = record["version"]!.ToString();
            var fields = new Dictionary<string, string> { ["municipality"] = "gracanice", ["version"] = version };

            var open = await session.GetResponseAsync($"/{kind}/{id}/edit");
            var change = await session.SubmitAsync("/?year=2021", $"/{kind}/{id}", fields);
            var delete = await session.SubmitAsync("/?year=2021", $"/{kind}/{id}/delete", fields);

            Assert.All(new[] { open, change, delete }, response => Assert.Equal("/forbidden", response.Headers.Location?.AbsolutePath));
            Assert.Equal(version, (await api.GetFromJsonAsync<JsonObject>($"/api/v1/{kind}/{id}"))!["version"]!.ToString());
        }
    }

    [Fact]
    public async Task AnOfficerCannotPostARecordForAnotherMunicipality()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.MunicipalOfficer);
        var api = host.ClientFor(Roles.Admin);
        var before = await IdsAsync(api, "meetings", "prizren");

        var response = await session.SubmitAsync("/municipalities/peje/meetings/new", "/meetings", Fields("date=2020-12-14&status=held", "prizren"));

        Assert.Equal("/forbidden", response.Headers.Location?.AbsolutePath);
        Assert.Equal(before, await IdsAsync(api, "meetings", "prizren"));
    }

    [Fact]
    public async Task TheExportFormOnTheImportPageDownloadsAnOfficersOwnRecords()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.MunicipalOfficer);

        var (_, page) = await session.GetAsync("/import");
        var download = await session.GetResponseAsync("/api/v1/export?format=csv&year=&municipality=peje");

        Assert.Contains("""<option value="peje">Pejë/Peć</option>""", page);
        Assert.DoesNotContain("""<option value="prizren">""", page);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
    }

    private static Dictionary<string, string> Fields(string created, string municipality, string? change = null)
    {
        var fields = new Dictionary<string, string> { ["municipality"] = municipality };
        foreach (var text in new[] { created, change ?? "" })
        {
            var values = HttpUtility.ParseQueryString(text);
            foreach (var key in values.AllKeys) fields[key!] = values[key]!;
        }
        return fields;
    }

    private static async Task<List<int>> IdsAsync(HttpClient api, string kind, string municipality)
    {
        var page = await api.GetFromJsonAsync<JsonObject>($"/api/v1/{kind}?municipality={municipality}&pageSize=500");
        return page!["items"]!.AsArray().Select(item => item!["id"]!.GetValue<int>()).Order().ToList();
    }
}
