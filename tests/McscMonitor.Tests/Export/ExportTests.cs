using System.IO.Compression;
using System.Net;
using McscMonitor.Users;
using MiniExcelLibs;

namespace McscMonitor.Tests;

public class ExportTests
{
    private static readonly string ExampleFolder = Path.Combine(AppContext.BaseDirectory, "examples", "import");

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task ExportedRecordsImportIntoAnEmptyDatabaseWithTheSameIndicators(string format)
    {
        await using var original = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var copy = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        using var folder = new TempFolder();
        var target = format == "csv" ? Path.Combine(folder.Path, "records") : Path.Combine(folder.Path, "records.xlsx");
        await original.RunAsync("import", ExampleFolder);

        var export = await original.RunAsync("export", target);
        var import = await copy.RunAsync("import", target);

        Assert.Equal(0, export.ExitCode);
        Assert.Equal(0, import.ExitCode);
        foreach (var year in new[] { "2020", "2021", "2022" })
            Assert.Equal((await original.RunAsync("indicators", "--year", year)).Output, (await copy.RunAsync("indicators", "--year", year)).Output);
    }

    [Fact]
    public async Task ExportOfAYearAndMunicipalityKeepsOnlyThoseRecords()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        using var folder = new TempFolder();
        await database.RunAsync("import", ExampleFolder);

        var run = await database.RunAsync("export", folder.Path, "--year", "2021", "--municipality", "Peć");

        Assert.Equal(0, run.ExitCode);
        var meetings = File.ReadAllLines(Path.Combine(folder.Path, "meetings.csv"));
        Assert.Equal(1 + 7, meetings.Length);
        Assert.All(meetings.Skip(1), line => Assert.StartsWith("peje,2021-", line));
        Assert.Equal(1 + 6, File.ReadAllLines(Path.Combine(folder.Path, "members.csv")).Length);
    }

    [Fact]
    public async Task OfficersExportOnlyTheirOwnMunicipality()
    {
        await using var host = await ApiHost.StartAsync();
        var officer = host.ClientFor(Roles.MunicipalOfficer);

        var own = await officer.GetAsync("/api/v1/export?format=csv");
        var other = await officer.GetAsync("/api/v1/export?municipality=Prizren");
        var viewer = await host.ClientFor(Roles.Viewer).GetAsync("/api/v1/export");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using var zip = new ZipArchive(await own.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.GetEntry("meetings.csv")!.Open());
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.StartsWith("peje,", line));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
    }

    [Fact]
    public async Task MonitorsExportAWorkbookWithEveryTable()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.ClientFor(Roles.Monitor).GetAsync("/api/v1/export?year=2021");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["compensation", "councils", "meetings", "members", "work_plans"], workbook.GetSheetNames().Order());
    }
}
