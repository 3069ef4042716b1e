using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.ServiceModel.Syndication;
using System.Text.Json.Nodes;
using System.Xml;
using McscMonitor.Data;
using McscMonitor.Users;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Tests;

/// <summary>A published version as open data: complete, frozen, verifiable, discoverable and reusable.</summary>
public class OpenDataTests
{
    private const string Site = "https://mcsc.example.org";

    private static Task<CliRun> PublishAsync(ApiHost host, int year = 2021) =>
        host.RunCliAsync("publish", "--year", $"{year}", "--unverified-reason", "The example data is not verified.");

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Where a stored file of a version is served ("sq/sheet.pdf" is /factsheet/2021/v1/sq.pdf).</summary>
    private static string UrlOf(int year, int number, string path)
    {
        var (language, name) = (path.Split('/')[0], path.Split('/')[1]);
        var version = $"/factsheet/{year}/v{number}";
        return name switch
        {
            "page.html" => $"{version}/{language}",
            "sheet.pdf" => $"{version}/{language}.pdf",
            _ when name.StartsWith("indicators.", StringComparison.Ordinal) || name == "datapackage.zip" => $"{version}/{language}/{name}",
            _ => $"{version}/{language}/charts/{name}",
        };
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryFileOfAVersionIsServedByteForByteAndMatchesTheDigestTakenAtPublication(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        Assert.Equal(0, (await PublishAsync(host)).ExitCode);
        var anonymous = host.ClientFor(null);

        var sums = (await anonymous.GetStringAsync("/factsheet/2021/v1/SHA256SUMS")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split("  ")).ToDictionary(parts => parts[1], parts => parts[0]);

        Assert.Contains("sq/indicators.xlsx", sums.Keys);
        Assert.Contains("sr-Cyrl/datapackage.zip", sums.Keys);
        Assert.Equal(4 * (6 + 6 * 3), sums.Count);
        foreach (var (path, digest) in sums.Where(file => !file.Key.EndsWith("/page.html", StringComparison.Ordinal)))
        {
            var first = await anonymous.GetByteArrayAsync(UrlOf(2021, 1, path));
            var second = await anonymous.GetByteArrayAsync(UrlOf(2021, 1, path));
            Assert.Equal(first, second);
            Assert.True(digest == Sha256(first), $"{path} is not the file published");
        }

        var json = JsonNode.Parse(await anonymous.GetStringAsync("/factsheet/2021/v1/en/indicators.json"))!["publication"]!;
        var checksum = (await host.RunCliAsync("publications", "list")).Output.Split('\n')[1].Split('\t')[4];
        Assert.Equal(1, json["version"]!.GetValue<int>());
        Assert.Equal(checksum, json["recordsChecksum"]!.GetValue<string>());
        Assert.Equal($"{Site}/factsheet/2021/v1/en", json["url"]!.GetValue<string>());
        Assert.StartsWith("Test Monitoring Mission. Municipal Community Safety Councils", json["citation"]!.GetValue<string>());

        using var xlsx = new MemoryStream(await anonymous.GetByteArrayAsync("/factsheet/2021/v1/sq/indicators.xlsx"));
        var about = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "about").Cast<IDictionary<string, object?>>()
            .ToDictionary(row => (string)row["field"]!, row => row["value"]?.ToString());
        Assert.Equal(checksum, about["records_sha256"]);
        Assert.Equal("1", about["version"]);

        var latestPdf = await anonymous.GetAsync("/factsheet/2021/sq.pdf");
        Assert.Equal("mcsc-factsheet-2021-v1-sq.pdf", latestPdf.Content.Headers.ContentDisposition!.FileName);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task VerifyPassesOnAFreshPublicationAndNamesTheTableChangedBehindTheAppsBack(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        Assert.Equal(0, (await PublishAsync(host)).ExitCode);

        var fresh = await host.RunCliAsync("publications", "verify", "--year", "2021");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
            var meeting = await db.Meetings.AsNoTracking().Where(m => m.Date >= new DateOnly(2021, 1, 1) && m.Date <= new DateOnly(2021, 12, 31))
                .OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
            Assert.Equal(1, await db.Database.ExecuteSqlAsync($"UPDATE \"Meetings\" SET \"Attendees\" = 97 WHERE \"Id\" = {meeting}"));
        }
        var tampered = await host.RunCliAsync("publications", "verify", "--year", "2021");
        var unknown = await host.RunCliAsync("publications", "verify", "--year", "2021", "--version", "7");

        Assert.Equal(0, fresh.ExitCode);
        Assert.Contains("still match the records checksum", fresh.Output);
        Assert.Contains("is intact", fresh.Output);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("the tables that differ: meetings.", tampered.Output);
        Assert.Contains("no longer matches what was published", tampered.Error);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("has no version 7", unknown.Error);
    }

    [Fact]
    public async Task AnIdenticalRepublishIsRefusedAndACorrectionNeedsItsNoteInEachLanguage()
    {
        await using var host = await ApiHost.StartAsync();
        Assert.Equal(0, (await PublishAsync(host)).ExitCode);

        var identical = await host.RunCliAsync("publish", "--year", "2021", "--note", "Nothing.", "--note-sq", "Asgjë.", "--note-sr", "Ništa.",
            "--unverified-reason", "Again.");
        await AddMeetingAsync(host, "2021-11-20");
        var englishOnly = await host.RunCliAsync("publish", "--year", "2021", "--note", "A meeting of Pejë was added.", "--unverified-reason", "Again.");

        Assert.Equal(1, identical.ExitCode);
        Assert.Contains("no figure of 2021 differs from version 1", identical.Error);
        Assert.Equal(1, englishOnly.ExitCode);
        Assert.Contains("in each language", englishOnly.Error);
        Assert.Single((await host.RunCliAsync("publications", "list")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1));
    }

    [Fact]
    public async Task ASupersededVersionSaysSoInEachLanguageAndEachSheetShowsItsOwnNote()
    {
        await using var host = await ApiHost.StartAsync();
        Assert.Equal(0, (await PublishAsync(host)).ExitCode);
        await AddMeetingAsync(host, "2021-11-20");
        var second = await host.RunCliAsync("publish", "--year", "2021", "--note", "A meeting of Pejë was added.",
            "--note-sq", "U shtua një takim i Pejës.", "--note-sr", "Dodat je sastanak Peći.", "--unverified-reason", "Again.");
        var anonymous = host.ClientFor(null);

        Assert.Equal(0, second.ExitCode);
        Assert.Contains($"Version 2 of the 2021 fact sheet is published: {Site}/factsheet/2021/v2/en", second.Output);
        foreach (var (language, superseded, note) in new[]
        {
            ("sq", "Zëvendësuar nga versioni 2", "U shtua një takim i Pejës."),
            ("sr-Latn", "Zamenjeno verzijom 2", "Dodat je sastanak Peći."),
            ("sr-Cyrl", "Замењено верзијом 2", "Додат је састанак Пећи."),
            ("en", "Superseded by version 2", "A meeting of Pejë was added."),
        })
        {
            var old = await anonymous.GetStringAsync($"/factsheet/2021/v1/{language}");
            var latest = await anonymous.GetStringAsync($"/factsheet/2021/{language}");
            Assert.Contains(superseded, old);
            Assert.Contains($"href=\"/factsheet/2021/v2/{language}\"", old);
            Assert.Contains(note, latest);
            Assert.DoesNotContain(superseded, latest);
            if (language != "en") Assert.DoesNotContain("A meeting of Pejë was added.", latest);
        }
    }

    [Fact]
    public async Task TheDataPackageValidatesAgainstTheFrictionlessSchemaAndDescribesItsCsv()
    {
        await using var host = await ApiHost.StartAsync();
        Assert.Equal(0, (await PublishAsync(host)).ExitCode);

        using var zip = new ZipArchive(new MemoryStream(await host.ClientFor(null).GetByteArrayAsync("/factsheet/2021/v1/sq/datapackage.zip")));
        var descriptor = await ReadAsync(zip, "datapackage.json");
        var csv = await ReadAsync(zip, "indicators.csv");
        var schema = await NJsonSchema.JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "tabular-data-package.json"));
        var errors = schema.Validate(System.Text.Encoding.UTF8.GetString(descriptor));
        var package = JsonNode.Parse(descriptor)!;
        var resource = package["resources"]![0]!;

        Assert.True(errors.Count == 0, string.Join("\n", errors.SelectMany(Flatten)));
        Assert.Equal($"sha256:{Sha256(csv)}", resource["hash"]!.GetValue<string>());
        Assert.Equal(csv.Length, resource["bytes"]!.GetValue<int>());
        Assert.Equal(System.Text.Encoding.UTF8.GetString(csv).Split('\n')[0].Trim().Split(','),
            resource["schema"]!["fields"]!.AsArray().Select(field => field!["name"]!.GetValue<string>()));
        Assert.Equal("CC-BY-4.0", package["licenses"]![0]!["name"]!.GetValue<string>());
        Assert.NotEqual(0xEF, csv[0]);
    }

    [Fact]
    public async Task TheAtomFeedListsEveryVersionWithItsLink()
    {
        await using var host = await ApiHost.StartAsync();
        Assert.Equal(0, (await PublishAsync(host, 2021)).ExitCode);
        Assert.Equal(0, (await PublishAsync(host, 2022)).ExitCode);

        using var reader = XmlReader.Create(await host.ClientFor(null).GetStreamAsync("/publications.atom"));
        var feed = SyndicationFeed.Load(reader);

        Assert.Equal(2, feed.Items.Count());
        foreach (var year in new[] { 2021, 2022 })
            Assert.Contains(feed.Items, item => item.Links.Any(link => link.RelationshipType == "alternate"
                && link.Uri.ToString() == $"{Site}/factsheet/{year}/v1/sr-Cyrl"));
        Assert.Equal("Test Monitoring Mission", feed.Authors.Single().Name);
    }

    [Fact]
    public async Task AnonymousTrendsShowPublishedFiguresUntilALiveChangeIsPublished()
    {
        await using var host = await ApiHost.StartAsync();
        Assert.Equal(0, (await PublishAsync(host)).ExitCode);
        var anonymous = host.ClientFor(null);
        var before = await MeetingsHeldAsync(anonymous);

        await AddMeetingAsync(host, "2021-11-20");
        var publicAfter = await MeetingsHeldAsync(anonymous);
        var liveAfter = await MeetingsHeldAsync(host.ClientFor(Roles.Monitor));
        var page = await anonymous.GetAsync("/trends");
        var xlsx = await anonymous.GetAsync("/api/v1/trends?format=xlsx");

        Assert.Equal(before, publicAfter);
        Assert.Equal(before + 1, liveAfter);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Published figures", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
    }

    [Fact]
    public async Task APublicTrendSaysAWithheldCountIsWithheldNotThatThereIsNoData()
    {
        await using var host = await ApiHost.StartAsync();
        Assert.Equal(0, (await PublishAsync(host)).ExitCode);
        var anonymous = host.ClientFor(null);

        var year = JsonNode.Parse(await anonymous.GetStringAsync("/api/v1/trends"))!["years"]!.AsArray().Single(y => y!["year"]!.GetValue<int>() == 2021)!;
        var csv = await anonymous.GetStringAsync("/api/v1/trends?format=csv");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await anonymous.GetStringAsync("/trends"));
        var row = page.QuerySelectorAll("figure").Single(f => f.QuerySelector("h2")!.TextContent == "Non-majority members")
            .QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent.StartsWith("2021", StringComparison.Ordinal));

        // A municipality's count of 1 or 2 is withheld in the published sheet, so Kosovo's total is too.
        Assert.Null(year["nonMajorityMembers"]);
        Assert.True(year["nonMajorityMembersWithheld"]!.GetValue<bool>());
        Assert.Contains(",nonMajorityMembersWithheld", csv);
        Assert.Matches(@"\n2021,no,[^\n]*,yes\r?\n", csv);
        Assert.Equal("withheld", row.QuerySelector("td")!.TextContent);
    }

    [Fact]
    public async Task AnOfficialSheetNeedsAPublisherAndThenCarriesACompleteCitation()
    {
        await using (var unnamed = await ApiHost.StartAsync(settings: new Dictionary<string, string?>
        { ["Publisher:Name"] = null, ["Publisher:Names:sq"] = null, ["Publisher:Names:sr"] = null }))
        {
            var refused = await PublishAsync(unnamed);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("set Publisher__Name before publishing", refused.Error);
        }

        await using var host = await ApiHost.StartAsync();
        Assert.Equal(0, (await PublishAsync(host)).ExitCode);
        var page = await host.ClientFor(null).GetStringAsync("/factsheet/2021/v1/en");

        Assert.Contains("Test Monitoring Mission. Municipal Community Safety Councils", page);
        Assert.Contains($"{Site}/factsheet/2021/v1/en", page);
        Assert.Contains("Accessed on", page);
        Assert.Contains("\"@type\":\"Dataset\"", page);
        Assert.Contains("<main>", page);
    }

    [Fact]
    public async Task ChartCsvsOpenCleanlyInSpreadsheets()
    {
        await using var host = await ApiHost.StartAsync();
        Assert.Equal(0, (await PublishAsync(host)).ExitCode);
        var anonymous = host.ClientFor(null);

        var inclusion = await anonymous.GetByteArrayAsync("/factsheet/2021/v1/sr-Cyrl/charts/inclusion.csv");
        var map = await anonymous.GetStringAsync("/factsheet/2021/v1/en/charts/map.csv");
        var meetings = await anonymous.GetStringAsync("/factsheet/2021/v1/en/charts/meetings.csv");
        var text = System.Text.Encoding.UTF8.GetString(inclusion[3..]);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, inclusion[..3]);
        Assert.StartsWith("Општина,Чланови,", text);
        Assert.DoesNotContain("(", text);
        Assert.StartsWith("Municipality,Meetings held,Map class", map);
        Assert.Matches(@"\nPejë/Peć,6,", map);
        Assert.StartsWith("Municipality,Value", meetings);
    }

    /// <summary>A schema error and the errors it groups (a resource that matches none of the schema's branches says why for each).</summary>
    private static IEnumerable<string> Flatten(NJsonSchema.Validation.ValidationError error) =>
        error is NJsonSchema.Validation.ChildSchemaValidationError child
            ? child.Errors.SelectMany(branch => branch.Value).SelectMany(Flatten)
            : [$"{error.Kind} at {error.Path}"];

    private static async Task AddMeetingAsync(ApiHost host, string date)
    {
        var added = await host.ClientFor(Roles.Monitor).PostAsJsonAsync("/api/v1/meetings", new { municipality = "peje", date, status = "held" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
    }

    private static async Task<int> MeetingsHeldAsync(HttpClient client)
    {
        var trend = JsonNode.Parse(await client.GetStringAsync("/api/v1/trends"))!;
        return trend["years"]!.AsArray().Single(year => year!["year"]!.GetValue<int>() == 2021)!["meetingsHeld"]!.GetValue<int>();
    }

    private static async Task<byte[]> ReadAsync(ZipArchive zip, string name)
    {
        await using var entry = zip.GetEntry(name)!.Open();
        using var buffer = new MemoryStream();
        await entry.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
