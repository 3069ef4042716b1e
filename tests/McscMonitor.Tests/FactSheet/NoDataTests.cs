using System.Net;
using System.Text.Json;
using McscMonitor.Users;
using UglyToad.PdfPig;

namespace McscMonitor.Tests;

/// <summary>No records is not zero: a council without meeting records reads "no data" in every output.</summary>
public class NoDataTests
{
    private static readonly string ExampleFolder = Path.Combine(AppContext.BaseDirectory, "examples", "import");

    [Fact]
    public async Task AFactSheetForAYearWithoutRecordsIsRefusedOnTheWebAndTheCommandLine()
    {
        await using var host = await ApiHost.StartAsync();
        var browser = host.ClientFor(Roles.Monitor);
        using var folder = new TempFolder();

        var page = await browser.GetAsync("/factsheet/2030/sq");
        var pdf = await browser.GetAsync("/factsheet/2010/en.pdf");
        var cli = await host.RunCliAsync("factsheet", "--year", "2024", "--lang", "en", "--out", Path.Combine(folder.Path, "x.pdf"));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Për vitin 2030 nuk ka të dhëna", html);
        Assert.Contains("href=\"/factsheet/2021/sq\"", html);
        Assert.Equal(HttpStatusCode.NotFound, pdf.StatusCode);
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("There are no records for 2024", cli.Error);
        Assert.Contains("2020, 2021, 2022", cli.Error);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public async Task TheIndicatorsVerbRefusesAYearWithoutRecordsAndSaysPlainlyWhatAYearIs()
    {
        await using var host = await ApiHost.StartAsync();

        var empty = await host.RunCliAsync("indicators", "--year", "2030");
        var words = await host.RunCliAsync("indicators", "--year", "twenty");

        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("There are no records for 2030", empty.Error);
        Assert.Empty(empty.Output);
        Assert.Equal(2, words.ExitCode);
        Assert.Contains("--year must be a year, like 2021, not \"twenty\".", words.Error);
        Assert.DoesNotContain("System.Int32", words.Error);
    }

    [Fact]
    public async Task ACouncilWithoutMeetingRecordsIsNoDataInJsonTableHtmlAndPdf()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await database.RunAsync("import", ExampleFolder);
        using var folder = new TempFolder();

        var json = await database.RunAsync("indicators", "--year", "2021", "--municipality", "gjilan");
        var table = await database.RunAsync("indicators", "--year", "2021", "--format", "table", "--lang", "sq");
        await database.RunAsync("factsheet", "--year", "2021", "--lang", "en", "--format", "html", "--out", Path.Combine(folder.Path, "fs.html"));
        await database.RunAsync("factsheet", "--year", "2021", "--lang", "en", "--format", "pdf", "--out", Path.Combine(folder.Path, "fs.pdf"));

        using (var document = JsonDocument.Parse(json.Output))
            Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("municipalities")[0].GetProperty("meetingsHeld").ValueKind);
        var gjilanRow = table.Output.Split('\n').Single(line => line.StartsWith("Gjilan", StringComparison.Ordinal));
        Assert.Contains("pa të dhëna", gjilanRow);
        Assert.Contains("Pa të dhëna për takimet", gjilanRow);
        var html = await File.ReadAllTextAsync(Path.Combine(folder.Path, "fs.html"));
        Assert.Matches("<th scope=\"row\">Gjilan/Gnjilane</th>(<td>[^<]*</td>)?<td class=\"num\"[^>]*>No data</td>", html);
        Assert.Contains("meeting records exist for 4 of them", html);
        using var pdf = PdfDocument.Open(Path.Combine(folder.Path, "fs.pdf"));
        var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));
        Assert.Contains("No data", text);
        Assert.DoesNotContain("held at least 0", text);
    }
}
