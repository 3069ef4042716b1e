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
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);

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
    public async Task EmptyDatabaseStillListsAllThirtyEightMunicipalities()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);

        var run = await database.RunAsync("indicators", "--year", "2021");

        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(38, json.RootElement.GetProperty("municipalities").GetArrayLength());
        Assert.Equal(0, json.RootElement.GetProperty("summary").GetProperty("councilsEstablished").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("notice").ValueKind);
    }

    [Fact]
    public async Task CsvFormatHasAHeaderAndOneLinePerMunicipality()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);

        var run = await database.RunAsync("indicators", "--year", "2021", "--format", "csv");

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(39, lines.Length);
        Assert.StartsWith("year,code,name_sq", lines[0]);
        Assert.Contains(lines, line => line.StartsWith("2021,mitrovice-veri,Mitrovicë e Veriut,Severna Mitrovica,Северна Митровица", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TableFormatShowsNamesInTheChosenLanguage()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);

        var run = await database.RunAsync("indicators", "--year", "2021", "--format", "table", "--lang", "sr-Cyrl");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Северна Митровица", run.Output);
        Assert.Contains("Основаних савета: 0 од 38", run.Output);
        Assert.DoesNotContain("Councils", run.Output);
    }
}
