using System.Text.Json;

namespace McscMonitor.Tests;

public class CliTests
{
    [Theory]
    [InlineData("indicators")]
    [InlineData("indicators", "--year", "2021", "--format", "xml")]
    [InlineData("indicators", "--year", "twenty")]
    [InlineData("export-everything")]
    [InlineData("import")]
    public async Task UsageErrorsExitWithTwo(params string[] args)
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);

        var run = await database.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.NotEmpty(run.Error);
    }

    [Fact]
    public async Task AmbiguousMunicipalityFilterNamesBothCandidates()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Examples);

        var run = await database.RunAsync("indicators", "--year", "2021", "--municipality", "Mitrovica");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Mitrovicë e Jugut (mitrovice-jug) or Mitrovicë e Veriut (mitrovice-veri)", run.Error);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("indicators")]
    [InlineData("demo")]
    [InlineData("serve")]
    [InlineData("template")]
    public async Task EveryVerbExplainsItselfWithHelp(string verb)
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);

        var run = await database.RunAsync(verb, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(verb, run.Output);
        Assert.Contains("Usage", run.Output);
    }

    [Fact]
    public async Task AnEmptyDatabaseHasNoFiguresToListRatherThanThirtyEightInventedZeros()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);

        var run = await database.RunAsync("indicators", "--year", "2021");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("The database holds no records yet.", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task EveryMunicipalityIsListedForAYearWithRecords()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Examples);

        var run = await database.RunAsync("indicators", "--year", "2021");

        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(38, json.RootElement.GetProperty("municipalities").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("notice").ValueKind);
    }

    [Fact]
    public async Task CsvFormatHasAHeaderAndOneLinePerMunicipality()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Examples);

        var run = await database.RunAsync("indicators", "--year", "2021", "--format", "csv");

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(39, lines.Length);
        Assert.StartsWith("year,code,name_sq", lines[0]);
        Assert.Contains(lines, line => line.StartsWith("2021,mitrovice-veri,Mitrovicë e Veriut,Severna Mitrovica,Северна Митровица", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TableFormatShowsNamesInTheChosenLanguage()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Examples);

        var run = await database.RunAsync("indicators", "--year", "2021", "--format", "table", "--lang", "sr-Cyrl");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Северна Митровица", run.Output);
        Assert.Matches(@"Основаних савета: \d+ од 38", run.Output);
        Assert.DoesNotContain("Councils", run.Output);
    }

    [Fact]
    public async Task TablesListMunicipalitiesInTheAlbanianAlphabetsOrderAndApprovalStatusInWords()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Examples);

        var indicators = (await database.RunAsync("indicators", "--year", "2021", "--format", "table", "--lang", "sq")).Output;
        var status = (await database.RunAsync("approval", "status", "--year", "2021")).Output;

        // "gj" and "sh" are letters of their own, after "g" and "s": Gllogoc before Gjakovë, Skenderaj before Shtërpcë.
        Assert.True(indicators.IndexOf("Gllogoc", StringComparison.Ordinal) < indicators.IndexOf("Gjakovë", StringComparison.Ordinal), indicators);
        Assert.True(indicators.IndexOf("Skenderaj", StringComparison.Ordinal) < indicators.IndexOf("Shtërpcë", StringComparison.Ordinal), indicators);
        Assert.True(status.IndexOf("Gllogoc", StringComparison.Ordinal) < status.IndexOf("Gjakovë", StringComparison.Ordinal), status);
        Assert.StartsWith("Municipality", status);
        Assert.Matches(@"Pejë/Peć\s+draft\s+(recorded|missing)", status);
        Assert.DoesNotContain("yes", status);
        Assert.EndsWith("of 38 municipalities.", status.TrimEnd());
    }
}

public class ReadOnlyVerbTests
{
    private static Task<CliRun> RunOnAsync(string databaseFile, params string[] args) =>
        CliRun.RunAsync(new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Mcsc"] = $"Data Source={databaseFile};Pooling=False" }, args);

    [Theory]
    [InlineData("indicators", "--year", "2021")]
    [InlineData("factsheet", "--year", "2021", "--lang", "sq", "--format", "html", "--out", "never-written.html")]
    [InlineData("publications", "list")]
    [InlineData("approval", "status", "--year", "2021")]
    public async Task AReadingVerbOnNoDatabaseSaysSoAndCreatesNothing(params string[] args)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mcsc-absent-{Guid.NewGuid():N}.db");

        var run = await RunOnAsync(file, args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"There is no McscMonitor database at {file}: run `import`, `demo` or `serve`", run.Error);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task AReadingVerbOnAnOlderDatabaseAsksForAnUpdate()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Examples);
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.Settings["ConnectionStrings:Mcsc"]).DataSource;
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var forget = new Microsoft.Data.Sqlite.SqliteCommand(
                "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT max(\"MigrationId\") FROM \"__EFMigrationsHistory\")", connection);
            await forget.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var read = await RunOnAsync(file, "indicators", "--year", "2021");

        Assert.Equal(1, read.ExitCode);
        Assert.Contains("earlier version of McscMonitor (1 updates to apply)", read.Error);
    }
}
