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

    [Fact]
    public async Task AChangeToAnotherYearKeepsTheDrawnSheetWhileAMemberServingInTheYearRedrawsIt()
    {
        await using var host = await ApiHost.StartAsync();
        var cache = host.Services.GetRequiredService<FactSheetCache>();
        var monitor = host.ClientFor(Roles.Monitor);
        var admin = host.ClientFor(Roles.Admin);
        await monitor.GetAsync("/factsheet/2021/en.pdf");

        var otherYear = await admin.PostAsJsonAsync("/api/v1/meetings", new { municipality = "peje", date = "2023-03-03", status = "held" });
        await monitor.GetAsync("/factsheet/2021/en.pdf");
        var afterOtherYear = cache.Renderings;
        // Appointed before 2021 and never left: counted on 31 December 2021.
        var member = await admin.PostAsJsonAsync("/api/v1/members", new { municipality = "peje", memberRef = "YV1", role = "other", appointedOn = "2019-05-05" });
        await monitor.GetAsync("/factsheet/2021/en.pdf");

        Assert.Equal(HttpStatusCode.Created, otherYear.StatusCode);
        Assert.Equal(HttpStatusCode.Created, member.StatusCode);
        Assert.Equal(1, afterOtherYear);
        Assert.Equal(2, cache.Renderings);
    }

    [Fact]
    public async Task ThePageGoesGzippedToABrowserThatTakesItAndAsItIsToOneThatDoesNot()
    {
        await using var host = await ApiHost.StartAsync();
        var monitor = host.ClientFor(Roles.Monitor);
        var plain = await monitor.GetAsync("/factsheet/2021/en");
        using var asking = new HttpRequestMessage(HttpMethod.Get, "/factsheet/2021/en");
        asking.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");

        var zipped = await monitor.SendAsync(asking);
        var zippedBytes = await zipped.Content.ReadAsByteArrayAsync();
        await using var unzipping = new System.IO.Compression.GZipStream(new MemoryStream(zippedBytes), System.IO.Compression.CompressionMode.Decompress);
        using var unzipped = new MemoryStream();
        await unzipping.CopyToAsync(unzipped, TestContext.Current.CancellationToken);
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], zipped.Content.Headers.ContentEncoding);
        Assert.Equal(plainBytes, unzipped.ToArray());
        Assert.True(zippedBytes.Length * 3 < plainBytes.Length, $"{zippedBytes.Length} bytes gzip'd of {plainBytes.Length}");
        Assert.Contains("Accept-Encoding", zipped.Headers.Vary);
        Assert.NotEqual(plain.Headers.ETag, zipped.Headers.ETag);
    }
}
