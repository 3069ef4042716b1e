using System.Net;
using System.Net.Http.Json;
using McscMonitor.FactSheet;
using McscMonitor.Users;

namespace McscMonitor.Tests.Hostile;

public class FactSheetLoadTests
{
    [Fact]
    public async Task ManyVisitorsAtOnceGetOneRenderingOfTheSamePdf()
    {
        await using var host = await ApiHost.StartAsync();
        var cache = host.Services.GetRequiredService<FactSheetCache>();
        // Staff see the live sheet, drawn through the cache (the public gets the published files).
        var anonymous = host.ClientFor(Roles.Monitor);

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => anonymous.GetAsync("/factsheet/2021/en.pdf")));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(response => response.Content.ReadAsByteArrayAsync()));
        Assert.All(bodies, body => Assert.Equal(bodies[0], body));
        Assert.Equal(1, cache.Renderings);
    }

    [Fact]
    public async Task ABrowserRevalidatesCheaplyAndAChangeToTheRecordsIsSeenAtOnce()
    {
        await using var host = await ApiHost.StartAsync();
        var anonymous = host.ClientFor(Roles.Monitor);
        var first = await anonymous.GetAsync("/factsheet/2021/en");
        var etag = first.Headers.ETag!;

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/factsheet/2021/en");
        revalidate.Headers.IfNoneMatch.Add(etag);
        var unchanged = await anonymous.SendAsync(revalidate);
        await host.ClientFor(Roles.Admin).PostAsJsonAsync("/api/v1/meetings", new { municipality = "peje", date = "2021-12-22", status = "held" });
        using var afterEdit = new HttpRequestMessage(HttpMethod.Get, "/factsheet/2021/en");
        afterEdit.Headers.IfNoneMatch.Add(etag);
        var changed = await anonymous.SendAsync(afterEdit);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }
}
