using McscMonitor.Cli;

namespace McscMonitor.Tests;

/// <summary>Exit codes as the design has them: 1 for a setting to mend, in one sentence; 70 for a bug, with where its log is.</summary>
public class ConfigurationErrorTests
{
    [Fact]
    public async Task AnUnknownDatabaseProviderIsOneSentenceAndExitCodeOne()
    {
        var run = await CliRun.RunAsync(new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" }, "indicators", "--year", "2021");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Database:Provider 'Oracle' is not supported; use Sqlite or Postgres.", run.Error.Trim());
    }

    [Theory]
    [InlineData("{bad", "is not valid JSON (line 1).")]
    [InlineData("""{ "versions": [] }""", "is not a usable rulebook: The rulebook has no versions.")]
    [InlineData(null, "cannot be read")]
    public async Task ABrokenRulebookPathIsOneSentenceAndExitCodeOne(string? content, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mcsc-rulebook-{Guid.NewGuid():N}.json");
        if (content is not null) await File.WriteAllTextAsync(path, content, TestContext.Current.CancellationToken);
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Examples);

        var run = await CliRun.RunAsync(new Dictionary<string, string?>(database.Settings) { ["Rulebook:Path"] = path }, "indicators", "--year", "2021");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"Rulebook:Path: {path} ", run.Error);
        Assert.Contains(expected, run.Error);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        File.Delete(path);
    }

    [Fact]
    public async Task AnUnexpectedFailureExitsSeventyAndSaysWhereItsLogIs()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Examples);
        var error = new StringWriter();

        var exitCode = await CliApp.RunAsync(["indicators", "--year", "2021"], new CliContext(new BrokenWriter(), error, database.Settings));

        Assert.Equal(70, exitCode);
        Assert.Matches(@"^McscMonitor failed unexpectedly \(IOException: the console is gone\)\. This is a bug; the details are in .+\.log\.", error.ToString());
    }

    /// <summary>Standard output that fails, as when the reading end of a pipe has gone: a failure no input explains.</summary>
    private sealed class BrokenWriter : StringWriter
    {
        public override void Write(char value) => throw new IOException("the console is gone");

        public override void Write(string? value) => throw new IOException("the console is gone");

        public override Task WriteAsync(string? value) => throw new IOException("the console is gone");

        public override Task WriteLineAsync(string? value) => throw new IOException("the console is gone");
    }
}
