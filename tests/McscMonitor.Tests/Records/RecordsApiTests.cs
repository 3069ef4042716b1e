using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using McscMonitor.Users;

namespace McscMonitor.Tests;

public class RecordsApiTests
{
    /// <summary>A new record of each type, valid and not clashing with the example data.</summary>
    private static object NewRecord(string type, string municipality) => type switch
    {
        "councils" => new { municipality, establishedOn = "2014-01-01" },
        "members" => new { municipality, memberRef = "X99", gender = "female", community = "roma", role = "civil_society", appointedOn = "2021-01-01" },
        "meetings" => new { municipality, date = "2021-12-01", status = "held", attendees = 9 },
        "work-plans" => new { municipality, year = 2023, adoptedOn = "2023-02-01", addressesNonMajorityConcerns = true },
        _ => new { municipality, year = 2023, status = "paid", amountPerMeetingEur = 25 },
    };

    public static TheoryData<string, string?> TypesAndRoles()
    {
        var data = new TheoryData<string, string?>();
        foreach (var type in new[] { "councils", "members", "meetings", "work-plans", "compensation" })
            foreach (var role in new[] { Roles.Admin, Roles.Monitor, Roles.MunicipalOfficer, Roles.Viewer, null })
                data.Add(type, role);
        return data;
    }

    [Theory]
    [MemberData(nameof(TypesAndRoles))]
    public async Task EachRoleReadsAndWritesOnlyWhatItMay(string type, string? role)
    {
        await using var host = await ApiHost.StartAsync();
        var admin = host.ClientFor(Roles.Admin);
        var client = host.ClientFor(role);

        foreach (var municipality in new[] { "peje", "gracanice" })
        {
            var mayWrite = role is Roles.Admin or Roles.Monitor || (role == Roles.MunicipalOfficer && municipality == "peje");
            HttpStatusCode Expect(HttpStatusCode allowed) =>
                role is null ? HttpStatusCode.Unauthorized : mayWrite ? allowed : HttpStatusCode.Forbidden;

            var list = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/{type}?municipality={municipality}");
            var existing = list!["items"]!.AsArray()[0]!.AsObject();
            var id = existing["id"]!.GetValue<int>();
            var version = existing["version"]!.GetValue<long>();

            var read = await client.GetAsync($"/api/v1/{type}/{id}");
            var update = await client.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/v1/{type}/{id}", version, existing));
            var create = await client.PostAsJsonAsync($"/api/v1/{type}", NewRecord(type, municipality));
            var current = update.Headers.ETag is { } etag ? long.Parse(etag.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture) : version;
            var delete = await client.SendAsync(WithIfMatch(HttpMethod.Delete, $"/api/v1/{type}/{id}?reason=entered%20by%20mistake", current));

            var where = $"{role ?? "anonymous"} on {type} of {municipality}";
            Assert.True(Expect(HttpStatusCode.OK) == read.StatusCode, $"{where}: read gave {read.StatusCode}");
            Assert.True(Expect(HttpStatusCode.OK) == update.StatusCode, $"{where}: update gave {update.StatusCode}");
            // Each municipality already has its one council; deleting a council that still has records is refused.
            var created = type == "councils" ? HttpStatusCode.Conflict : HttpStatusCode.Created;
            var deleted = type == "councils" ? HttpStatusCode.Conflict : HttpStatusCode.NoContent;
            Assert.True(Expect(created) == create.StatusCode, $"{where}: create gave {create.StatusCode}");
            Assert.True(Expect(deleted) == delete.StatusCode, $"{where}: delete gave {delete.StatusCode}");
        }
    }

    [Fact]
    public async Task InvalidRecordsGetFieldErrors()
    {
        await using var host = await ApiHost.StartAsync();
        var admin = host.ClientFor(Roles.Admin);

        var member = await admin.PostAsJsonAsync("/api/v1/members",
            new { municipality = "Peja", memberRef = "X1", role = "mayor", appointedOn = "2021-05-01", leftOn = "2021-04-01" });
        var council = await admin.PostAsJsonAsync("/api/v1/councils",
            new { municipality = "Viti", establishedOn = "2015-01-01", dissolvedOn = "2014-01-01" });
        var compensation = await admin.PostAsJsonAsync("/api/v1/compensation", new { municipality = "Viti", year = 1999, status = "paid" });

        var memberErrors = (await member.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!;
        Assert.Contains("'mayor' is not one of", memberErrors["role"]![0]!.GetValue<string>());
        Assert.Contains("before being appointed", memberErrors["leftOn"]![0]!.GetValue<string>());
        Assert.Contains("before it was established", (await council.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["dissolvedOn"]![0]!.GetValue<string>());
        Assert.Contains("1999", (await compensation.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["year"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task ACouncilCanBeCreatedWhereThereWasNoneAndChangesTheIndicators()
    {
        await using var host = await ApiHost.StartAsync();
        var monitor = host.ClientFor(Roles.Monitor);

        var created = await monitor.PostAsJsonAsync("/api/v1/councils", new { municipality = "Витина", establishedOn = "2021-04-01", assemblyDecision = "05/2021" });
        var indicators = await host.ClientFor(Roles.Monitor).GetStringAsync("/api/v1/indicators/2021");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = JsonDocument.Parse(indicators);
        Assert.Equal(6, json.RootElement.GetProperty("summary").GetProperty("councilsEstablished").GetInt32());
    }

    [Fact]
    public async Task ListsFilterByYear()
    {
        await using var host = await ApiHost.StartAsync();

        var plans2020 = await host.ClientFor(Roles.Admin).GetFromJsonAsync<JsonObject>("/api/v1/work-plans?year=2020");

        var plan = Assert.Single(plans2020!["items"]!.AsArray());
        Assert.Equal("prizren", plan!["municipality"]!.GetValue<string>());
    }

    private static HttpRequestMessage WithIfMatch(HttpMethod method, string url, long version, JsonObject? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return request;
    }
}
