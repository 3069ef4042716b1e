using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using McscMonitor.Audit;
using McscMonitor.Data;
using McscMonitor.Users;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Tests.Hostile;

public class PrivacyTests
{
    private static async Task<List<AuditEntry>> AuditAsync(ApiHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<McscDbContext>().AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    private static async Task<JsonObject> IndicatorsAsync(HttpClient client, string year = "2021") =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/v1/indicators/{year}"))!;

    private static JsonObject Members(JsonObject indicators, string code) =>
        indicators["municipalities"]!.AsArray().Single(m => m!["code"]!.GetValue<string>() == code)!["members"]!.AsObject();

    [Fact]
    public async Task AnAdminErasesAMemberEverywhereWhileThePastFiguresStay()
    {
        await using var host = await ApiHost.StartAsync();
        var admin = host.ClientFor(Roles.Admin);
        var created = await admin.PostAsJsonAsync("/api/v1/members", new
        {
            municipality = "peje", memberRef = "E1", fullName = "Drita Berisha", gender = "female", community = "roma", religion = "islam",
            role = "community_representative", appointedOn = "2020-01-01",
        });
        var member = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = member["id"]!.GetValue<int>();
        using (var rename = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/members/{id}"))
        {
            member["fullName"] = "Drita Berisha-Krasniqi";
            rename.Content = JsonContent.Create(member);
            rename.Headers.IfMatch.Add(new EntityTagHeaderValue(created.Headers.ETag!.Tag));
            Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(rename)).StatusCode);
        }
        var before = Members(await IndicatorsAsync(admin), "peje");

        var erase = await admin.PostAsync($"/api/v1/members/{id}/erase", null);
        var officerErase = await host.ClientFor(Roles.MunicipalOfficer).PostAsync($"/api/v1/members/{id}/erase", null);

        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, officerErase.StatusCode);
        var after = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/members/{id}"))!;
        Assert.Equal("erased", after["fullName"]!.GetValue<string>());
        Assert.Null(after["community"]);
        Assert.Null(after["religion"]);
        Assert.Equal("unknown", after["gender"]!.GetValue<string>());
        // The counts stay, and so does the community the member counted in: a year's figures do not change by erasure.
        var afterwards = Members(await IndicatorsAsync(admin), "peje");
        foreach (var count in new[] { "total", "women", "nonMajority" })
            Assert.Equal(before[count]!.GetValue<int>(), afterwards[count]!.GetValue<int>());
        Assert.Equal(before["communities"]!.ToJsonString(), afterwards["communities"]!.ToJsonString());
        Assert.Contains("roma", afterwards["communities"]!.ToJsonString());
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = (await AuditAsync(host)).Where(e => e.Entity == "Member" && e.EntityKey == key).ToList();
        Assert.Equal(["create", "update", "erase"], audit.Select(e => e.Action));
        Assert.DoesNotContain(audit, e => e.Changes.Contains("Drita") || e.Changes.Contains("roma") || e.Changes.Contains("islam") || e.Changes.Contains("female"));
    }

    [Fact]
    public async Task AMemberIsDeletedOnlyWithAReasonWhichIsAudited()
    {
        await using var host = await ApiHost.StartAsync();
        var admin = host.ClientFor(Roles.Admin);
        var created = await admin.PostAsJsonAsync("/api/v1/members",
            new { municipality = "peje", memberRef = "M9", role = "other", appointedOn = "2021-01-01" });
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();

        HttpRequestMessage Delete(string query)
        {
            var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/members/{id}{query}");
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(created.Headers.ETag!.Tag));
            return request;
        }
        var withoutReason = await admin.SendAsync(Delete(""));
        var withReason = await admin.SendAsync(Delete("?reason=entered%20twice%20by%20mistake"));

        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Contains("reason", await withoutReason.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, withReason.StatusCode);
        Assert.Contains(await AuditAsync(host), e => e.Action == "delete" && e.Entity == "Member" && e.Reason == "entered twice by mistake");
    }

    [Fact]
    public async Task PublicFiguresWithholdSmallCommunityCountsThatMonitorsSeeExactly()
    {
        await using var host = await ApiHost.StartAsync();
        await host.RunCliAsync("publish", "--year", "2021", "--unverified-reason", "Published for the test.");

        var anonymous = await IndicatorsAsync(host.ClientFor(null));
        var viewer = await IndicatorsAsync(host.ClientFor(Roles.Viewer));
        var monitor = await IndicatorsAsync(host.ClientFor(Roles.Monitor));
        var overview = await host.ClientFor(null).GetStringAsync("/?year=2021");

        foreach (var publicFigures in new[] { anonymous, viewer })
        {
            var peje = Members(publicFigures, "peje");
            Assert.Null(peje["nonMajority"]);
            Assert.Equal(3, peje["withheldBelow"]!.GetValue<int>());
            Assert.Equal(["albanian"], peje["communities"]!.AsArray().Select(c => c!.GetValue<string>()));
            Assert.Null(Members(publicFigures, "gracanice")["nonMajority"]);
        }
        Assert.Equal(2, Members(monitor, "peje")["nonMajority"]!.GetValue<int>());
        Assert.Contains("bosniak", Members(monitor, "peje")["communities"]!.ToJsonString());
        // Total, women and the withheld count as one unbroken value, even in a 390 px card where each child of the cell is spaced apart: "5 (1, < 3)".
        Assert.Matches(@"<span>\d+&#xA0;\(\d+,&#xA0;<abbr [^>]*>&lt;&#xA0;3</abbr>\)</span>", overview);
    }

    private static JsonObject MembersIn(string json, string code) =>
        JsonNode.Parse(json)!["municipalities"]!.AsArray().Single(m => m!["code"]!.GetValue<string>() == code)!["members"]!.AsObject();

    [Fact]
    public async Task NoPublicOutputLetsAReaderWorkOutAWithheldCount()
    {
        await using var host = await ApiHost.StartAsync();
        var admin = host.ClientFor(Roles.Admin);
        var anonymous = host.ClientFor(null);
        Assert.Equal(0, (await host.RunCliAsync("publish", "--year", "2021", "--unverified-reason", "Published for the test.")).ExitCode);
        // After version 1 ("< 3" non-majority of 5 in Pejë), a third non-majority member is recorded: 3 of 6 would give version 1's 2 away.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/members",
            new { municipality = "peje", memberRef = "P08", gender = "male", community = "roma", role = "community_representative", appointedOn = "2021-06-01" })).StatusCode);
        Assert.Equal(0, (await host.RunCliAsync("publish", "--year", "2021", "--note", "A member was added.", "--note-sq", "U shtua një anëtar.",
            "--note-sr", "Dodat je član.", "--unverified-reason", "Published for the test.")).ExitCode);

        var version1 = await anonymous.GetStringAsync("/factsheet/2021/v1/en/indicators.json");
        var version2 = await anonymous.GetStringAsync("/factsheet/2021/v2/en/indicators.json");
        var page = await anonymous.GetStringAsync("/factsheet/2021/v2/en");
        var inclusion = await anonymous.GetStringAsync("/factsheet/2021/en/charts/inclusion.csv");
        var exact = Members(await IndicatorsAsync(host.ClientFor(Roles.Monitor)), "peje");

        // Mamushë/Mamuša has two members: one of them non-majority. Nothing about communities is published for it.
        var mamushe = MembersIn(version1, "mamushe");
        Assert.Equal(2, mamushe["total"]!.GetValue<int>());
        Assert.True(mamushe["communitiesWithheld"]!.GetValue<bool>());
        Assert.Null(mamushe["nonMajority"]);
        Assert.Null(mamushe["withheldBelow"]);
        Assert.Empty(mamushe["communities"]!.AsArray());
        Assert.Equal(3, MembersIn(version1, "peje")["withheldBelow"]!.GetValue<int>());
        var peje = MembersIn(version2, "peje");
        Assert.Equal(6, peje["total"]!.GetValue<int>());
        Assert.True(peje["communitiesWithheld"]!.GetValue<bool>());
        Assert.Null(peje["nonMajority"]);
        Assert.Equal(3, exact["nonMajority"]!.GetValue<int>());
        Assert.Contains("community figures are not published", page);
        Assert.DoesNotContain(inclusion.Split('\n'), line => line.Contains("Pej", StringComparison.Ordinal) && line.TrimEnd().EndsWith(",3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheFactSheetWithholdsSmallCountsForEveryone()
    {
        await using var host = await ApiHost.StartAsync();
        var monitor = await host.SignInAsync(Roles.Monitor);

        var (_, html) = await monitor.GetAsync("/factsheet/2021/en");

        Assert.Contains(">&lt; 3<", html);
        Assert.Contains("small counts are not published", html);
    }

    [Fact]
    public async Task LookingAtMembersAndExportingThemIsAudited()
    {
        await using var host = await ApiHost.StartAsync();
        var monitor = await host.SignInAsync(Roles.Monitor);

        await monitor.GetAsync("/municipalities/peje?year=2021");
        await host.ClientFor(Roles.Admin).GetAsync("/api/v1/export?municipality=peje");

        var audit = await AuditAsync(host);
        Assert.Contains(audit, e => e.Action == "view" && e.Entity == "MemberList" && e.EntityKey == "peje" && e.Actor == "mona");
        Assert.Contains(audit, e => e.Action == "export" && e.Entity == "MemberList" && e.EntityKey == "peje" && e.Actor == "ada");
    }

    [Fact]
    public async Task TheAuditTrailKeepsNamesReadableNotAsEscapes()
    {
        await using var host = await ApiHost.StartAsync();
        await host.ClientFor(Roles.Admin).PostAsJsonAsync("/api/v1/members",
            new { municipality = "peje", memberRef = "Ë1", fullName = "Gëzim Đorđević Ђорђе", role = "other", appointedOn = "2021-01-01" });
        var monitor = await host.SignInAsync(Roles.Monitor);

        var (_, html) = await monitor.GetAsync("/audit");

        Assert.Contains("Gëzim Đorđević Ђорђе", html);
        Assert.DoesNotContain("\\u00EB", html, StringComparison.OrdinalIgnoreCase);
    }
}
