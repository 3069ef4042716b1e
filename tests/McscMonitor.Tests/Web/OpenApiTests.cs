using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using McscMonitor.Users;

namespace McscMonitor.Tests;

public class OpenApiTests
{
    /// <summary>Bodies that pass validation for each writable collection, keyed by path.</summary>
    private static readonly Dictionary<string, object> Bodies = new()
    {
        ["/api/v1/councils"] = new { municipality = "viti", establishedOn = "2016-01-01" },
        ["/api/v1/members"] = new { municipality = "peje", memberRef = "OA1", role = "other", appointedOn = "2021-01-01" },
        ["/api/v1/meetings"] = new { municipality = "peje", date = "2021-12-02", status = "held" },
        ["/api/v1/work-plans"] = new { municipality = "peje", year = 2024 },
        ["/api/v1/compensation"] = new { municipality = "peje", year = 2024, status = "none" },
        ["/api/v1/recommendations"] = new
        {
            municipality = "gjilan", year = 2021, rule = "work-plan-non-majority", institution = "municipality", status = "open",
            textSq = "Të miratohet plani i punës.", textSrLatn = "Da se usvoji plan rada.", textEn = "Adopt a work plan.",
        },
        ["/api/v1/recommendations/{id}/progress"] = new { text = "A working group was formed." },
    };

    [Fact]
    public async Task ARecordsBodyIsDocumentedFieldByFieldFromItsDefinition()
    {
        await using var host = await ApiHost.StartAsync();
        using var document = JsonDocument.Parse(await host.ClientFor(Roles.Admin).GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));

        var body = document.RootElement.GetProperty("paths").GetProperty("/api/v1/meetings").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var properties = body.GetProperty("properties");

        Assert.Equal(["municipality", "date", "status"], body.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("date", properties.GetProperty("date").GetProperty("format").GetString());
        Assert.Contains("held", properties.GetProperty("status").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("integer", properties.GetProperty("attendees").GetProperty("type").ToString());
        Assert.Contains("boolean", properties.GetProperty("minutesKept").GetProperty("type").ToString());
    }

    [Fact]
    public async Task EveryDocumentedEndpointAnswersAsDocumented()
    {
        await using var host = await ApiHost.StartAsync();
        var admin = host.ClientFor(Roles.Admin);
        using var document = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json"));
        var called = new List<string>();
        // Version 1 of 2021 exists, so that a published version's addresses answer too.
        Assert.Equal(0, (await host.RunCliAsync("publish", "--year", "2021", "--unverified-reason", "A test of every endpoint.")).ExitCode);
        // One recommendation exists, so that its single-record addresses answer too.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/recommendations", Bodies["/api/v1/recommendations"])).StatusCode);

        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var collection = path.Name.Contains("/{id}", StringComparison.Ordinal) ? path.Name[..path.Name.IndexOf("/{id}", StringComparison.Ordinal)] : path.Name;
                var id = path.Name.Contains("{id}", StringComparison.Ordinal) ? await FirstIdAsync(admin, collection) : null;
                var url = path.Name.Replace("{id}", id, StringComparison.Ordinal).Replace("{year}", "2021", StringComparison.Ordinal)
                    .Replace("{lang}", "en", StringComparison.Ordinal).Replace("{chart}", "meetings", StringComparison.Ordinal)
                    .Replace("{extension}", "svg", StringComparison.Ordinal).Replace("{format}", "csv", StringComparison.Ordinal)
                    .Replace("{number}", "1", StringComparison.Ordinal);
                using var request = new HttpRequestMessage(method, url);
                if (method == HttpMethod.Post && path.Name.EndsWith("/attachments", StringComparison.Ordinal)) request.Content = MinutesUpload();
                else if (method == HttpMethod.Post && path.Name == "/api/v1/imports")
                {
                    var form = new MultipartFormDataContent { { new ByteArrayContent("municipality,year,status\nPeja,2025,paid\n"u8.ToArray()), "file", "compensation.csv" } };
                    request.Content = form;
                }
                else if (method == HttpMethod.Post) request.Content = JsonContent.Create(Bodies.GetValueOrDefault(path.Name) ?? Bodies[collection]);
                else if (method == HttpMethod.Put)
                {
                    var current = await admin.GetAsync($"{collection}/{id}");
                    request.Content = new StringContent(await current.Content.ReadAsStringAsync(), System.Text.Encoding.UTF8, "application/json");
                    request.Headers.IfMatch.Add(current.Headers.ETag!);
                }
                else if (method == HttpMethod.Delete)
                {
                    // Members are deleted only with a reason; other records ignore it.
                    request.RequestUri = new Uri(url + "?reason=entered%20by%20mistake", UriKind.Relative);
                    var current = await admin.GetAsync($"{collection}/{id}");
                    if (current.Headers.ETag is { } etag) request.Headers.IfMatch.Add(etag);
                }

                var response = await admin.SendAsync(request);

                var documented = operation.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
                var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                // Deleting a council that still has records is the one refusal the example data makes certain.
                var expectedRefusal = method == HttpMethod.Delete && collection == "/api/v1/councils" && response.StatusCode == HttpStatusCode.Conflict;
                Assert.True(response.IsSuccessStatusCode || expectedRefusal, $"{method} {url} gave {status}: {await response.Content.ReadAsStringAsync()}");
                Assert.True(documented.Contains(status), $"{method} {url} gave {status}, documented: {string.Join(", ", documented)}");
                called.Add($"{method} {path.Name}");
            }

        Assert.True(called.Count >= 25, $"only {called.Count} operations are documented");
    }

    private static MultipartFormDataContent MinutesUpload() => new()
    {
        { new ByteArrayContent("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"u8.ToArray()), "file", "minutes.pdf" },
    };

    private static async Task<string> FirstIdAsync(HttpClient admin, string collection)
    {
        if (collection == "/api/v1/attachments")
        {
            // Attachments are listed under their record: one is attached to a meeting to be downloaded and deleted.
            var meeting = await FirstIdAsync(admin, "/api/v1/meetings");
            var created = await admin.PostAsync($"/api/v1/meetings/{meeting}/attachments", MinutesUpload());
            using var attachment = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
            return attachment.RootElement.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        using var page = JsonDocument.Parse(await admin.GetStringAsync(collection));
        return page.RootElement.GetProperty("items")[0].GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
