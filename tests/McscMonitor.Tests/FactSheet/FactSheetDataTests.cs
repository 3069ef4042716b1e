using System.Net;
using McscMonitor.Users;
using MiniExcelLibs;

namespace McscMonitor.Tests;

public class FactSheetDataTests
{
    [Fact]
    public async Task APublishedYearsIndicatorsDownloadAsJsonCsvAndXlsxAndThePageSaysHowToCiteIt()
    {
        await using var host = await ApiHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Publisher:Name"] = "OSCE Mission in Kosovo", ["Publisher:Names:sq"] = "Misioni i OSBE-së në Kosovë",
            ["Publisher:SiteUrl"] = "https://mcsc.example.org/",
        });
        var published = await host.RunCliAsync("publish", "--year", "2021", "--unverified-reason", "The example data is not verified.");
        var anonymous = host.ClientFor(null);

        var versionJson = await anonymous.GetByteArrayAsync("/factsheet/2021/v1/sq/indicators.json");
        var latestJson = await anonymous.GetByteArrayAsync("/factsheet/2021/sq/indicators.json");
        var csv = await anonymous.GetStringAsync("/factsheet/2021/v1/sq/indicators.csv");
        var xlsx = await anonymous.GetAsync("/factsheet/2021/sq/indicators.xlsx");
        var rows = MiniExcel.Query(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/factsheet/2021/sq"));

        Assert.Equal(0, published.ExitCode);
        Assert.Equal(versionJson, latestJson);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("year,code,name_sq,", lines[0]);
        Assert.Equal(38, lines.Length - 1);
        Assert.Contains(lines, line => line.StartsWith("2021,peje,Pejë,", StringComparison.Ordinal));
        Assert.Equal("attachment", xlsx.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(38, rows.Count);
        Assert.Contains(rows, row => (string?)row["code"] == "peje" && Convert.ToInt32(row["meetings_held"], System.Globalization.CultureInfo.InvariantCulture) == 6);
        // Unknown stays empty, never 0.
        Assert.Contains(rows, row => (string?)row["code"] == "gjilan" && row["meetings_held"] is null or "");
        var pdf = await anonymous.GetByteArrayAsync("/factsheet/2021/v1/sq.pdf");
        using (var document = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            Assert.Equal("Misioni i OSBE-së në Kosovë", document.Information.Author);
            Assert.Equal(5, document.NumberOfPages);
        }
        Assert.Contains("Publikuar nga Misioni i OSBE-së në Kosovë", page);
        Assert.Contains("Kjo fletë informative u jep institucioneve tregues", page);
        Assert.Contains("Burimi: të dhënat e ekipeve monitoruese dhe të zyrtarëve komunalë (Misioni i OSBE-së në Kosovë).", page);
        Assert.Contains("Misioni i OSBE-së në Kosovë. Këshillat Komunale për Siguri në Bashkësi: Puna dhe funksionimi gjatë vitit 2021. Versioni 1, publikuar më", page);
        Assert.Contains("https://mcsc.example.org/factsheet/2021/v1/sq", page);
        Assert.Contains("href=\"/factsheet/2021/v1/sq/indicators.xlsx\"", page);
    }

    [Fact]
    public async Task StaffDownloadTheLiveFiguresAndAreToldTheyAreNotForCiting()
    {
        await using var host = await ApiHost.StartAsync();
        var monitor = await host.SignInAsync(Roles.Monitor, "en");

        var csv = await monitor.GetResponseAsync("/factsheet/2021/en/indicators.csv");
        var (_, page) = await monitor.GetAsync("/factsheet/2021/en");
        var anonymous = await host.ClientFor(null).GetAsync("/factsheet/2021/en/indicators.csv");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("These are live, unpublished figures: cite a published version.", page);
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
    }

    [Fact]
    public async Task APublisherIntroductionOpensTheSheetInItsLanguageAndNoneIsMadeUpForTheOthers()
    {
        await using var host = await ApiHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Publisher:Name"] = "OSCE Mission in Kosovo",
            ["Publisher:Introductions:sq"] = "Misioni i OSBE-së në Kosovë mbështet institucionet dhe monitoron rregullisht punën e KKSB-ve.",
            ["Publisher:Introductions:sr"] = "Misija OEBS-a na Kosovu podržava institucije i redovno prati rad OSBZ.",
        });
        Assert.Equal(0, (await host.RunCliAsync("publish", "--year", "2021", "--unverified-reason", "The example data is not verified.")).ExitCode);
        var anonymous = host.ClientFor(null);

        var albanian = await anonymous.GetStringAsync("/factsheet/2021/sq");
        var cyrillic = await anonymous.GetStringAsync("/factsheet/2021/sr-Cyrl");
        var english = await anonymous.GetStringAsync("/factsheet/2021/en");

        Assert.Contains("Misioni i OSBE-së në Kosovë mbështet institucionet", albanian);
        Assert.Contains("Мисија ОЕБС-а на Косову подржава институције", cyrillic);
        Assert.DoesNotContain("supports the institutions", english);
    }
}
