using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using McscMonitor.Users;

namespace McscMonitor.Tests.Hostile;

public class HostileImportTests
{
    private static readonly string ExampleFolder = Path.Combine(AppContext.BaseDirectory, "examples", "import");

    private static async Task<CliRun> ImportAsync(TestDatabase database, string fileName, string content)
    {
        using var folder = new TempFolder();
        folder.Write(fileName, content);
        return await database.RunAsync("import", Path.Combine(folder.Path, fileName));
    }

    [Fact]
    public async Task ANestedArchiveIsRefused()
    {
        await using var host = await ApiHost.StartAsync();
        var inner = CraftedFiles.Zip(("meetings.csv", CraftedFiles.Utf8("municipality,date,status\npeje,2021-03-01,held\n")));
        var outer = CraftedFiles.Zip(("inner.zip", inner));

        var response = await host.ClientFor(Roles.Admin).PostAsync("/api/v1/imports", CraftedFiles.Upload("records.zip", outer));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("nested archives are not accepted", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AZipWithTooManyEntriesIsRefused()
    {
        await using var host = await ApiHost.StartAsync();
        var zip = CraftedFiles.Zip([.. Enumerable.Range(0, 150).Select(i => ($"f{i}.csv", CraftedFiles.Utf8("a\n")))]);

        var response = await host.ClientFor(Roles.Admin).PostAsync("/api/v1/imports", CraftedFiles.Upload("records.zip", zip));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("the archive has 150 entries; at most 100 are accepted", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AZipEntryAimingOutsideTheFolderIsAClearErrorNotAServerError()
    {
        await using var host = await ApiHost.StartAsync();
        var zip = CraftedFiles.Zip(("../../evil.csv", CraftedFiles.Utf8("municipality,colour\n")));

        var response = await host.ClientFor(Roles.Admin).PostAsync("/api/v1/imports", CraftedFiles.Upload("records.zip", zip));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("unknown table 'evil'", body);
        Assert.DoesNotContain(Path.GetTempPath(), body);
    }

    [Fact]
    public async Task AnUploadLargerThanTheLimitIsRefusedBeforeItIsRead()
    {
        await using var host = await ApiHost.StartAsync();
        var tooLarge = new byte[21 * 1024 * 1024];

        var response = await host.ClientFor(Roles.Admin).PostAsync("/api/v1/imports", CraftedFiles.Upload("meetings.csv", tooLarge));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AtMostAHundredErrorsAreListedAndTheRestCounted()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        var rows = string.Concat(Enumerable.Range(0, 5000).Select(_ => "nowhere,2021-13-01,held\n"));

        var run = await ImportAsync(database, "meetings.csv", "municipality,date,status\n" + rows);

        Assert.Equal(1, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(100, lines.Count(line => line.StartsWith("meetings.csv, row", StringComparison.Ordinal)));
        // Each row has two errors, an unknown municipality and a month 13: both are counted, until checking stops at 1000.
        Assert.Contains("… and 900 more.", run.Error);
        Assert.Contains("checking stopped after 1000 errors: the rest of the file was not read.", run.Error);
        Assert.Contains("Import rejected: 1000 errors.", run.Error);
    }

    [Fact]
    public async Task AnUnclosedQuoteIsReportedAsSuchWhereItStarts()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await database.RunAsync("import", ExampleFolder);

        var run = await ImportAsync(database, "members.csv",
            "municipality,member_ref,full_name,role,appointed_on\npeje,Q1,\"Ana Krasniqi,chair,2021-01-01\npeje,Q2,Bo,chair,2021-01-01\n");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("members.csv, row 2: a quoted value is not closed", run.Error);
        Assert.DoesNotContain("role", run.Error);
    }

    public static TheoryData<string, string> HostileNames => new()
    {
        { "a name of a million characters", new string('x', 1_000_000) },
        { "a NUL byte", "Ana\0Krasniqi" },
        { "a right-to-left override", "Ana \u202Eiqinsark" },
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task HostileNamesAreRefusedOnImportAndNothingIsWritten(string what, string name)
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await database.RunAsync("import", ExampleFolder);

        var run = await ImportAsync(database, "members.csv",
            $"municipality,member_ref,full_name,role,appointed_on\npeje,Q1,\"{name}\",chair,2021-01-01\n");

        Assert.True(run.ExitCode == 1, what);
        Assert.Contains("members.csv, row 2, column full_name:", run.Error);
        Assert.True(run.Error.Length < 2000, $"{what}: the error is {run.Error.Length} characters");
        using var export = new TempFolder();
        await database.RunAsync("export", export.Path, "--municipality", "peje");
        Assert.DoesNotContain("Q1", await File.ReadAllTextAsync(Path.Combine(export.Path, "members.csv")));
    }

    [Fact]
    public async Task ExportedCsvNeutralisesFormulasAndImportsBackExactly()
    {
        await using var host = await ApiHost.StartAsync();
        var admin = host.ClientFor(Roles.Admin);
        string[] formulas = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "'=already"];
        for (var i = 0; i < formulas.Length; i++)
        {
            var created = await admin.PostAsJsonAsync("/api/v1/members", new
            {
                municipality = "peje", memberRef = $"F{i}", fullName = formulas[i], role = "other", appointedOn = "2021-01-01",
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var zip = await admin.GetByteArrayAsync("/api/v1/export?format=csv&municipality=peje");
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        using var reader = new StreamReader(archive.GetEntry("members.csv")!.Open(), Encoding.UTF8);
        var csv = await reader.ReadToEndAsync();
        var reimport = await admin.PostAsync("/api/v1/imports", CraftedFiles.Upload("records.zip", zip));
        var members = await admin.GetFromJsonAsync<JsonObject>("/api/v1/members?municipality=peje&pageSize=100");

        Assert.Contains("'=HYPERLINK", csv);
        Assert.Contains(",'+1+1,", csv);
        Assert.Contains(",'-2+3,", csv);
        Assert.Contains(",'@SUM(A1),", csv);
        Assert.Contains(",''=already,", csv);
        Assert.DoesNotContain(",=", csv);
        Assert.Equal(HttpStatusCode.OK, reimport.StatusCode);
        var names = members!["items"]!.AsArray().Where(m => m!["memberRef"]!.GetValue<string>().StartsWith('F'))
            .OrderBy(m => m!["memberRef"]!.GetValue<string>()).Select(m => m!["fullName"]!.GetValue<string>()).ToList();
        Assert.Equal(formulas, names);
        Assert.DoesNotContain("\"updated\":1", await reimport.Content.ReadAsStringAsync());
    }
}
