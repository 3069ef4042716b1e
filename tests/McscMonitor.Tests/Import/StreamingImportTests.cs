using System.Globalization;
using System.Text;
using McscMonitor.Data;
using McscMonitor.Import;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Tests;

public class StreamingImportTests
{
    /// <summary>
    /// Meetings of Peja's council (established in the examples) on consecutive days from 2030:
    /// cancelled ones, since a meeting cannot be recorded as held before it happens.
    /// </summary>
    private static string Meetings(int rows)
    {
        var text = new StringBuilder("municipality,date,status\n");
        for (var row = 0; row < rows; row++)
            text.Append(CultureInfo.InvariantCulture, $"Pejë,{new DateOnly(2030, 1, 1).AddDays(row):yyyy-MM-dd},cancelled\n");
        return text.ToString();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ProgressCountsRowsCheckedThenRowsWrittenOutOfThoseChecked(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Seed.Examples);
        var read = ExchangeReader.ReadCsv("meetings.csv", "meetings", Encoding.UTF8.GetBytes(Meetings(Importer.BatchSize * 2 + 1)));
        var reports = new List<ImportProgress>();

        await using var services = await database.OpenServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<Importer>().ImportAsync(read, new Recorder(reports));

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
        Assert.Equal(new TableCount("meetings", Importer.BatchSize * 2 + 1, 0, 0), Assert.Single(outcome.Counts));
        Assert.Equal(
            [new ImportProgress(false, 10_000, 0), new ImportProgress(true, 0, 10_001), new ImportProgress(true, 10_000, 10_001)],
            reports);
        Assert.Equal(Importer.BatchSize * 2 + 1, await scope.ServiceProvider.GetRequiredService<McscDbContext>().Meetings.CountAsync(m => m.Date.Year >= 2030));
    }

    [Fact]
    public async Task AFileLargerThanAnUploadMayBeIsStreamedFromTheCommandLine()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Examples);
        using var folder = new TempFolder();
        folder.Write("meetings.csv", Meetings(20_000));
        // Uploads and archives may hold nothing at all here; a file read from disk is streamed and bounded on its own.
        var settings = new Dictionary<string, string?>(database.Settings) { ["Import:MaxUncompressedMegabytes"] = "0", ["Import:MaxUploadMegabytes"] = "0" };

        var run = await CliRun.RunAsync(settings, "import", Path.Combine(folder.Path, "meetings.csv"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("meetings: 20000 added", run.Output);
    }

    [Fact]
    public async Task AnErrorInTheLastRowOfALargeFileIsFoundAndNothingIsWritten()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Examples);
        using var folder = new TempFolder();
        folder.Write("meetings.csv", Meetings(12_000) + "Pejë,2030-13-01,cancelled\n");

        var run = await database.RunAsync("import", folder.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("meetings.csv, row 12002, column date:", run.Error);
        await using var services = await database.OpenServicesAsync();
        await using var scope = services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<McscDbContext>().Meetings.AnyAsync(m => m.Date.Year >= 2030));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ARowRefusedWhileWritingAfterABatchWasCopiedLeavesNothingWritten(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Seed.Examples);
        // 2058 is locked for Pejë: its rows, in the second batch, are refused only when that batch is written.
        await using (var services = await database.OpenServicesAsync())
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
            db.Approvals.Add(new McscMonitor.Approvals.Approval
            {
                MunicipalityCode = "peje", Year = 2058, State = McscMonitor.Core.Approval.ApprovalState.Locked,
                ChangedAtUtc = DateTime.UtcNow, ChangedBy = "test",
            });
            await db.SaveChangesAsync();
        }
        using var folder = new TempFolder();
        folder.Write("meetings.csv", Meetings(12_000));

        var run = await database.RunAsync("import", folder.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("2058", run.Error);
        await using var after = await database.OpenServicesAsync();
        await using var check = after.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<McscDbContext>().Meetings.AnyAsync(m => m.Date.Year >= 2030));
    }

    private sealed class Recorder(List<ImportProgress> reports) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => reports.Add(value);
    }
}
