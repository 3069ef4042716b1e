using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using McscMonitor.Users;

namespace McscMonitor.Tests;

public class ImportUploadTests
{
    private static readonly string ExampleFolder = Path.Combine(AppContext.BaseDirectory, "examples", "import");

    private static MultipartFormDataContent Upload(string fileName, byte[] content) => Hostile.CraftedFiles.Upload(fileName, content);

    private static byte[] ExampleZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var path in Directory.GetFiles(ExampleFolder, "*.csv"))
                zip.CreateEntryFromFile(path, Path.GetFileName(path));
        return buffer.ToArray();
    }

    [Fact]
    public async Task AMonitorImportsAZipOfCsvFilesThroughTheApi()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.ClientFor(Roles.Monitor).PostAsync("/api/v1/imports", Upload("records.zip", ExampleZip()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var counts = (await response.Content.ReadFromJsonAsync<JsonObject>())!["counts"]!.AsArray();
        Assert.Contains(counts, count => count!["table"]!.GetValue<string>() == "meetings" && count["unchanged"]!.GetValue<int>() == 16);
    }

    [Fact]
    public async Task ABadUploadIsRejectedWithEveryErrorAndNothingWritten()
    {
        await using var host = await ApiHost.StartAsync();
        var client = host.ClientFor(Roles.Admin);
        var csv = Encoding.UTF8.GetBytes("municipality,date,status,attendees,women_attendees\nPeja,2021-02-30,held,5,9\nPeja,2021-12-24,held,5,1\n");

        var response = await client.PostAsync("/api/v1/imports", Upload("meetings.csv", csv));
        var meetings = await client.GetFromJsonAsync<JsonObject>("/api/v1/meetings?municipality=peje&year=2021");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, error => Assert.Equal(2, error!["row"]!.GetValue<int>()));
        Assert.Equal(7, meetings!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnOfficerMayImportOnlyTheirOwnMunicipality()
    {
        await using var host = await ApiHost.StartAsync();
        var officer = host.ClientFor(Roles.MunicipalOfficer);
        var own = Encoding.UTF8.GetBytes("municipality,year,status\nPeja,2022,paid\n");

        var rejected = await officer.PostAsync("/api/v1/imports", Upload("records.zip", ExampleZip()));
        var accepted = await officer.PostAsync("/api/v1/imports", Upload("compensation.csv", own));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        Assert.Contains("your own municipality only", await rejected.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task TheImportApiTakesTokensNotCookiesOrAnonymousCalls()
    {
        await using var host = await ApiHost.StartAsync();

        var anonymous = await host.ClientFor(null).PostAsync("/api/v1/imports", Upload("records.zip", ExampleZip()));
        var viewer = await host.ClientFor(Roles.Viewer).PostAsync("/api/v1/imports", Upload("records.zip", ExampleZip()));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
    }
}
