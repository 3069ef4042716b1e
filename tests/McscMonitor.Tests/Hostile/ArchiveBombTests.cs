using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using McscMonitor.Import;
using McscMonitor.Users;

namespace McscMonitor.Tests.Hostile;

/// <summary>Alone in its collection, so the memory it measures is its own.</summary>
[CollectionDefinition(nameof(MeasuresMemory), DisableParallelization = true)]
public sealed class MeasuresMemory;

[Collection(nameof(MeasuresMemory))]
public class ArchiveBombTests
{
    [Fact]
    public void AZipBombIsRefusedWhileStreamingWithinTheUnpackedLimit()
    {
        var limits = new ImportLimits();
        using var bomb = new MemoryStream(CraftedFiles.ZipBomb);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var problem = ArchiveGuard.Check(bomb, limits, allowNested: false, out var decompressed);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.True(CraftedFiles.ZipBomb.Length < 5 * 1024 * 1024, $"the bomb is {CraftedFiles.ZipBomb.Length} bytes packed");
        Assert.NotNull(problem);
        Assert.Contains("50 MB", problem);
        Assert.True(decompressed <= limits.MaxUncompressedBytes + 81920, $"decompressed {decompressed} bytes");
        Assert.True(allocated < 100L * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MB");
    }

    [Fact]
    public async Task AZipBombUploadIsRefusedWithAClearMessageAndNothingWritten()
    {
        await using var host = await ApiHost.StartAsync();
        var client = host.ClientFor(Roles.Monitor);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var response = await client.PostAsync("/api/v1/imports", CraftedFiles.Upload("records.zip", CraftedFiles.ZipBomb));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray();
        Assert.Contains("unpacks to more than 50 MB", errors.Single()!["message"]!.GetValue<string>());
        Assert.True(allocated < 100L * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MB");
        var meetings = await client.GetFromJsonAsync<JsonObject>("/api/v1/meetings?municipality=peje&year=2021");
        Assert.Equal(7, meetings!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnXlsxBombIsRefusedThroughTheApiAndTheCli()
    {
        await using var host = await ApiHost.StartAsync();
        var bomb = CraftedFiles.XlsxBomb();
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "records.xlsx");
        await File.WriteAllBytesAsync(path, bomb);

        var response = await host.ClientFor(Roles.Admin).PostAsync("/api/v1/imports", CraftedFiles.Upload("records.xlsx", bomb));
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        var cli = await database.RunAsync("import", path);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("unpacks to more than", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("records.xlsx: the file unpacks to more than 50 MB", cli.Error);
    }
}
