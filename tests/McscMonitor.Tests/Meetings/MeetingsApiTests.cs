using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using McscMonitor.Records;
using McscMonitor.Users;
using McscMonitor.Web;
using Microsoft.AspNetCore.TestHost;

namespace McscMonitor.Tests;

public class MeetingsApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static object NewMeeting(string municipality, string date) =>
        new { municipality, date, status = "held", attendees = 10, womenAttendees = 3, discussedSecurityIncidents = true };

    private static async Task<MeetingJson> FirstMeetingOf(HttpClient admin, string municipality)
    {
        var page = await admin.GetFromJsonAsync<PageOf<MeetingJson>>($"/api/v1/meetings?municipality={municipality}&year=2021", Json);
        return page!.Items.First(m => m.Status == "held");
    }

    private static HttpRequestMessage WithIfMatch(HttpMethod method, string url, long version, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return request;
    }

    [Fact]
    public async Task OfficersListOnlyTheirOwnMunicipality()
    {
        await using var host = await ApiHost.StartAsync();

        var page = await host.ClientFor(Roles.MunicipalOfficer).GetFromJsonAsync<PageOf<MeetingJson>>("/api/v1/meetings?pageSize=100", Json);

        Assert.NotEmpty(page!.Items);
        Assert.All(page.Items, meeting => Assert.Equal("peje", meeting.Municipality));
        Assert.Equal(9, page.Total);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SecondOfTwoConcurrentEditsGetsPreconditionFailedAndTheFirstStands(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var first = host.ClientFor(Roles.Monitor);
        var second = host.ClientFor(Roles.Admin);
        var loadedByFirst = await FirstMeetingOf(first, "peje");
        var loadedBySecond = await FirstMeetingOf(second, "peje");
        var date = loadedByFirst.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var firstSave = await first.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/v1/meetings/{loadedByFirst.Id}", loadedByFirst.Version,
            new { municipality = "peje", date, status = "held", attendees = 21 }));
        var secondSave = await second.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/v1/meetings/{loadedBySecond.Id}", loadedBySecond.Version,
            new { municipality = "peje", date, status = "held", attendees = 33 }));

        Assert.Equal(HttpStatusCode.OK, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, secondSave.StatusCode);
        var stored = await first.GetFromJsonAsync<MeetingJson>($"/api/v1/meetings/{loadedByFirst.Id}", Json);
        Assert.Equal(21, stored!.Attendees);
    }

    [Fact]
    public async Task UpdateWithoutIfMatchIsRefused()
    {
        await using var host = await ApiHost.StartAsync();
        var client = host.ClientFor(Roles.Admin);
        var meeting = await FirstMeetingOf(client, "peje");

        var response = await client.PutAsJsonAsync($"/api/v1/meetings/{meeting.Id}", NewMeeting("peje", meeting.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal((HttpStatusCode)428, response.StatusCode);
    }

    [Fact]
    public async Task InvalidMeetingGetsAProblemWithEveryFieldError()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.ClientFor(Roles.Admin).PostAsJsonAsync("/api/v1/meetings",
            new { municipality = "Mitrovica", date = "2021-03-01", status = "postponed", attendees = 5, womenAttendees = 9 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Contains("Mitrovicë e Veriut", errors.GetProperty("municipality")[0].GetString());
        Assert.Contains("postponed", errors.GetProperty("status")[0].GetString());
        Assert.Contains("more than the 5 attendees", errors.GetProperty("womenAttendees")[0].GetString());
    }

    [Fact]
    public async Task RecordingAMeetingThroughTheApiChangesTheIndicatorAndIsAudited()
    {
        await using var host = await ApiHost.StartAsync();
        var client = host.ClientFor(Roles.MunicipalOfficer);

        var created = await client.PostAsJsonAsync("/api/v1/meetings", NewMeeting("Pejë", "2021-12-20"));
        var indicators = await host.ClientFor(Roles.Monitor).GetStringAsync("/api/v1/indicators/2021");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull(created.Headers.ETag);
        using var json = JsonDocument.Parse(indicators);
        var peje = json.RootElement.GetProperty("municipalities").EnumerateArray().Single(m => m.GetProperty("code").GetString() == "peje");
        Assert.Equal(7, peje.GetProperty("meetingsHeld").GetInt32());
    }

    [Fact]
    public async Task OpenApiDocumentDescribesEveryRecordApi()
    {
        await using var host = await ApiHost.StartAsync();

        var document = await host.ClientFor(null).GetStringAsync("/openapi/v1.json");

        using var json = JsonDocument.Parse(document);
        var paths = json.RootElement.GetProperty("paths");
        foreach (var type in new[] { "councils", "members", "meetings", "work-plans", "compensation" })
        {
            Assert.True(paths.TryGetProperty($"/api/v1/{type}", out _), type);
            Assert.True(paths.TryGetProperty($"/api/v1/{type}/{{id}}", out _), type);
        }
        Assert.True(paths.TryGetProperty("/api/v1/indicators/{year}", out _));
    }
}

public class UsersTests
{
    [Fact]
    public async Task AddedUsersGetAGeneratedPasswordAndOfficersNeedAMunicipality()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);

        var first = await database.RunAsync("users", "add", "lena", "--role", "monitor");
        var second = await database.RunAsync("users", "add", "mira", "--role", "monitor");
        var officer = await database.RunAsync("users", "add", "ilir", "--role", "municipal_officer");
        var list = await database.RunAsync("users", "list");

        Assert.Equal(0, first.ExitCode);
        Assert.NotEqual(first.Output.Split(": ")[^1], second.Output.Split(": ")[^1]);
        Assert.Equal(1, officer.ExitCode);
        Assert.Contains("A municipal officer needs a municipality.", officer.Error);
        Assert.Contains("lena\tmonitor\t-", list.Output);
    }

    [Fact]
    public async Task ARevokedTokenNoLongerSignsIn()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await database.RunAsync("users", "add", "sam", "--role", "monitor");
        var token = (await database.RunAsync("users", "token", "sam", "--name", "nightly")).Output.Split(": ")[^1].Trim();
        await using var app = WebApp.Build([], database.Settings, builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var before = await client.GetAsync("/api/v1/meetings");
        var revoke = await database.RunAsync("users", "revoke", "sam", "--name", "nightly");
        var after = await client.GetAsync("/api/v1/meetings");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(0, revoke.ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task RevokedOrUnknownTokensAreRejected()
    {
        await using var host = await ApiHost.StartAsync();
        var client = host.ClientFor(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "mcsc_not-a-real-token");

        var response = await client.GetAsync("/api/v1/meetings");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
