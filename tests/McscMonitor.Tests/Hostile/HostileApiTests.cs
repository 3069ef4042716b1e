using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using McscMonitor.Users;

namespace McscMonitor.Tests.Hostile;

public class HostileApiTests
{
    private static object Member(string fullName) =>
        new { municipality = "peje", memberRef = "H1", fullName, role = "other", appointedOn = "2021-01-01" };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ANameWithANulByteOrADirectionOverrideIsAFieldErrorOnEveryProvider(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var admin = host.ClientFor(Roles.Admin);

        var nul = await admin.PostAsJsonAsync("/api/v1/members", Member("Ana\0Krasniqi"));
        var bidi = await admin.PostAsJsonAsync("/api/v1/members", Member("Ana \u202Eiqinsark"));

        foreach (var response in new[] { nul, bidi })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
            Assert.Contains("control, invisible or text-direction characters", errors["fullName"]![0]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task ANameLongerThanItsColumnIsAFieldErrorInTheReadersLanguage()
    {
        await using var host = await ApiHost.StartAsync();
        var admin = host.ClientFor(Roles.Admin);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("sq");

        var response = await admin.PostAsJsonAsync("/api/v1/members", Member(new string('x', 201)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal("ka 201 shenja; lejohen më së shumti 200", errors["fullName"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task AJsonBodyOfMegabytesIsRefusedBeforeItIsRead()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.ClientFor(Roles.Admin).PostAsJsonAsync("/api/v1/members", Member(new string('x', 5_000_000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/v1/meetings?year=0")]
    [InlineData("/api/v1/meetings?year=-1")]
    [InlineData("/api/v1/members?year=10000")]
    [InlineData("/api/v1/meetings?page=2147483647")]
    [InlineData("/api/v1/meetings?page=0")]
    [InlineData("/api/v1/meetings?pageSize=100000")]
    [InlineData("/api/v1/export?year=0")]
    [InlineData("/api/v1/export?year=10000")]
    [InlineData("/api/v1/meetings?year=abc")]
    public async Task OutOfRangeYearsAndPagesAreBadRequestsWithProblemDetails(string path)
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.ClientFor(Roles.Admin).GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/audit?to=9999-12-31")]
    [InlineData("/audit?from=0001-01-01")]
    [InlineData("/audit?page=2147483647")]
    public async Task OutOfRangeAuditFiltersAreBadRequestsNotServerErrors(string path)
    {
        await using var host = await ApiHost.StartAsync();
        var monitor = await host.SignInAsync(Roles.Monitor);

        var (status, _) = await monitor.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }
}
