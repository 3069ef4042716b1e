using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;

namespace McscMonitor.Benchmarks;

/// <summary>
/// The command line as a user meets it: a whole process, start to exit. `--help` of the same
/// build is the baseline (the runtime's own start and the verb parser); `indicators` adds opening
/// the demo database, building EF Core's model and running the year's queries. Like is compared
/// with like: as built (`dotnet build -c Release`, what `dotnet run` starts) against `--help` as
/// built, and as published for a server with ReadyToRun (the README's install command) against
/// the published `--help`. Three launches of ten iterations each: the ratio's spread (RatioSD) is
/// over all thirty.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 3, warmupCount: 1, iterationCount: 10)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CliStartBenchmarks
{
    private string _app = null!;
    private string _published = null!;
    private string _databaseFile = null!;

    [GlobalSetup]
    public void CreateTheDemoDatabase()
    {
        // The app as built beside this benchmark, Release, found from the repository root.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "McscMonitor.slnx"))) root = root.Parent;
        _app = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Run from within the repository."),
            "src", "McscMonitor", "bin", "Release", "net10.0", "McscMonitor.dll");
        _databaseFile = Path.Combine(Path.GetTempPath(), $"mcsc-bench-cli-{Guid.NewGuid():N}.db");
        if (Run(_app, "demo", "--no-publish") != 0) throw new InvalidOperationException("The demo database could not be created.");
        _published = Directory.CreateTempSubdirectory("mcsc-bench-published-").FullName;
        if (Run("publish", Path.Combine(root.FullName, "src", "McscMonitor"), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
                "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", _published) != 0)
            throw new InvalidOperationException("The app could not be published.");
    }

    [GlobalCleanup]
    public void DeleteDatabase()
    {
        File.Delete(_databaseFile);
        Directory.Delete(_published, recursive: true);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("as built")]
    public int Help() => Run(_app, "--help");

    [Benchmark, BenchmarkCategory("as built")]
    public int IndicatorsJson() => Run(_app, "indicators", "--year", "2021", "--format", "json");

    [Benchmark(Baseline = true), BenchmarkCategory("published")]
    public int PublishedHelp() => Run(Path.Combine(_published, "McscMonitor.dll"), "--help");

    [Benchmark, BenchmarkCategory("published")]
    public int PublishedIndicatorsJson() => Run(Path.Combine(_published, "McscMonitor.dll"), "indicators", "--year", "2021", "--format", "json");

    /// <summary>Runs <c>dotnet</c> with these arguments (an app's dll and its own, or an SDK command) on the demo database.</summary>
    private int Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__Mcsc"] = $"Data Source={_databaseFile}";
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
