using System.Data.Common;
using System.Text.Json;
using McscMonitor.Data;
using McscMonitor.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace McscMonitor.Tests;

public class DemoTests
{
    [Fact]
    public async Task DemoDataExercisesEveryIndicatorAndIsLabelledIllustrative()
    {
        // Unpublished: publishing verifies every year, and verified data has no "no data" left to show.
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Demo);

        var run = await database.RunAsync("indicators", "--year", "2021");

        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal("Illustrative data, not official figures.", root.GetProperty("notice").GetString());
        Assert.Equal(34, root.GetProperty("summary").GetProperty("councilsEstablished").GetInt32());
        var municipalities = root.GetProperty("municipalities").EnumerateArray().ToList();
        Assert.Contains(municipalities, m => m.GetProperty("meetingsHeld") is { ValueKind: JsonValueKind.Number } held && held.GetInt32() >= 6);
        // A council with no meeting recorded is "no data", not zero.
        Assert.Contains(municipalities, m => m.GetProperty("councilEstablished").GetBoolean() && m.GetProperty("meetingsHeld").ValueKind == JsonValueKind.Null);
        foreach (var indicator in new[] { "workPlanAddressesNonMajority", "compensatesMembers" })
        {
            Assert.Contains(municipalities, m => m.GetProperty(indicator).ValueKind == JsonValueKind.True);
            Assert.Contains(municipalities, m => m.GetProperty(indicator).ValueKind == JsonValueKind.False);
            Assert.Contains(municipalities, m => m.GetProperty("councilEstablished").GetBoolean() && m.GetProperty(indicator).ValueKind == JsonValueKind.Null);
        }
        Assert.Contains(municipalities, m => m.GetProperty("compensation").GetString() == "partial");
        Assert.Contains(municipalities, m => m.GetProperty("members").GetProperty("women").GetInt32() == 0 && m.GetProperty("members").GetProperty("total").GetInt32() > 0);
    }

    [Fact]
    public async Task DemoCouncilEstablishedIn2020IsMissingIn2019()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Demo);

        var run2019 = await database.RunAsync("indicators", "--year", "2019", "--municipality", "mamushe");
        var run2020 = await database.RunAsync("indicators", "--year", "2020", "--municipality", "mamushe");

        Assert.Contains("\"councilEstablished\": false", run2019.Output);
        Assert.Contains("\"councilEstablished\": true", run2020.Output);
    }

    [Fact]
    public async Task LoadingTheDemoTwiceDuplicatesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.PublishedDemo);
        var before = await ImportTests.ContentOf(database);

        var again = await database.RunAsync("demo");

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(before, await ImportTests.ContentOf(database));
    }

    [Fact]
    public async Task DemoDataIsNeverStoredWithoutItsIllustrativeLabelWhenWritingTheLabelFailsNothingIsWritten()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using (await database.OpenServicesAsync()) { }
        var services = new ServiceCollection().AddMcsc(AppServices.BuildConfiguration(database.Settings));
        services.ConfigureDbContext<SqliteMcscDbContext>(options => options.AddInterceptors(new LabelRefused()));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => scope.ServiceProvider.GetRequiredService<DemoLoader>().LoadAsync(TestContext.Current.CancellationToken));

        await using var check = (await database.OpenServicesAsync()).CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<McscDbContext>();
        Assert.Equal(0, await db.Meetings.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.DatasetLabels.CountAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Fails the statement that writes a dataset label, as a full disk or a dropped connection would at that moment.</summary>
    private sealed class LabelRefused : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            command.CommandText.Contains("INSERT INTO \"DatasetLabels\"", StringComparison.Ordinal)
                ? throw new Microsoft.Data.Sqlite.SqliteException("the label cannot be written", 10)
                : base.ReaderExecutingAsync(command, eventData, result, cancellationToken);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            command.CommandText.Contains("INSERT INTO \"DatasetLabels\"", StringComparison.Ordinal)
                ? throw new Microsoft.Data.Sqlite.SqliteException("the label cannot be written", 10)
                : base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}
