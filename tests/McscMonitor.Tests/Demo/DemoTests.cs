using System.Text.Json;

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
}
