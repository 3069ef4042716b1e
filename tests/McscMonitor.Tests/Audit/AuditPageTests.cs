using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using McscMonitor.Records;
using McscMonitor.Users;

namespace McscMonitor.Tests;

public class AuditPageTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task<MeetingJson> ChangeAttendeesAsync(ApiHost host, string municipality, int attendees)
    {
        var client = host.ClientFor(Roles.Admin);
        var meeting = (await client.GetFromJsonAsync<PageOf<MeetingJson>>($"/api/v1/meetings?municipality={municipality}&year=2021", Json))!.Items[0];
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/meetings/{meeting.Id}")
        {
            Content = JsonContent.Create(new
            {
                municipality, date = meeting.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), status = meeting.Status, attendees,
                meeting.WomenAttendees, meeting.DiscussedSecurityIncidents, meeting.DiscussedNonMajorityConcerns, minutesKept = false,
            }),
        };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{meeting.Version}\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        return meeting;
    }

    [Fact]
    public async Task AReasonGivenWithAnApprovalStepIsShownOnce()
    {
        await using var host = await ApiHost.StartAsync();
        await host.RunCliAsync("approval", "submit", "--year", "2021", "--municipality", "peje", "--confirm");
        await host.RunCliAsync("approval", "return", "--year", "2021", "--municipality", "peje", "--reason", "The June meeting has no attendance.");
        var monitor = await host.SignInAsync(Roles.Monitor);

        var (_, page) = await monitor.GetAsync("/audit?entity=Approval&municipality=peje");

        // In words once; the raw change set, folded away beside it, keeps everything as stored.
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page);
        foreach (var raw in document.QuerySelectorAll("main details").ToList()) raw.Remove();
        Assert.Equal(1, document.QuerySelector("main")!.TextContent.Split("The June meeting has no attendance.").Length - 1);
    }

    [Fact]
    public async Task ViewsOfMemberListsAreRecordedButShownOnlyOnAsking()
    {
        await using var host = await ApiHost.StartAsync();
        await ChangeAttendeesAsync(host, "peje", 17);
        var monitor = await host.SignInAsync(Roles.Monitor);
        for (var visit = 0; visit < 3; visit++) await monitor.GetAsync("/municipalities/peje?year=2021");

        var (_, changes) = await monitor.GetAsync("/audit?municipality=peje");
        var (_, withViews) = await monitor.GetAsync("/audit?municipality=peje&views=true");

        Assert.Contains("Attendees", changes);
        Assert.DoesNotContain(">viewed<", changes);
        Assert.Contains(">viewed<", withViews);
        Assert.Contains("name=\"views\" type=\"checkbox\" value=\"true\" checked", withViews);
    }

    [Fact]
    public async Task TheAuditPageSaysInTheReadersLanguageWhoChangedWhatOnWhichRecord()
    {
        await using var host = await ApiHost.StartAsync();
        var meeting = await ChangeAttendeesAsync(host, "peje", 17);
        var monitor = await host.SignInAsync(Roles.Monitor, "sr-Latn");

        var (status, html) = await monitor.GetAsync("/audit?entity=Meeting&municipality=peje");

        Assert.Equal(HttpStatusCode.OK, status);
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains("Sastanak od", text);
        Assert.Contains($"Prisutni: {meeting.Attendees} → 17", text);
        Assert.Contains("izmenjeno", text);
        Assert.Contains($"href=\"/meetings/{meeting.Id}/edit\"", text);
        Assert.DoesNotContain(">update<", text);
    }

    [Fact]
    public async Task TheCsvExportHoldsTheFilteredEntriesInWordsAndTheRawChangeSet()
    {
        await using var host = await ApiHost.StartAsync();
        await ChangeAttendeesAsync(host, "peje", 17);
        var monitor = await host.SignInAsync(Roles.Monitor, "en");

        var response = await monitor.GetResponseAsync("/audit.csv?municipality=peje&entity=Meeting");
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("When (UTC),Who,What,Record,Municipality,", lines[0].TrimStart('\uFEFF'));
        Assert.Contains(lines, line => line.Contains("changed,\"Meeting of", StringComparison.Ordinal) && line.Contains("→ 17", StringComparison.Ordinal)
            && line.Contains("\"\"Attendees\"\"", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), line => Assert.Contains(",Pejë/Peć,", line));
    }

    [Fact]
    public async Task AnOfficerCannotReadTheAuditTrailOrItsExport()
    {
        await using var host = await ApiHost.StartAsync();
        var officer = await host.SignInAsync(Roles.MunicipalOfficer);

        Assert.NotEqual(HttpStatusCode.OK, (await officer.GetResponseAsync("/audit.csv")).StatusCode);
    }
}
