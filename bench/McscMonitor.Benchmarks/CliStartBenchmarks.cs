using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace McscMonitor.Benchmarks;

/// <summary>
/// The command line as a user meets it: a whole process, start to exit. `--help` of the same
/// build is the baseline (the runtime's own start and the verb parser); `indicators` adds opening
/// the demo database, building EF Core's model and running the year's queries.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 10)]
public class CliStartBenchmarks
{
    private string _app = null!;
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
        if (Run("demo", "--no-publish") != 0) throw new InvalidOperationException("The demo database could not be created.");
    }

    [GlobalCleanup]
    public void DeleteDatabase() => File.Delete(_databaseFile);

    [Benchmark(Baseline = true)]
    public int Help() => Run("--help");

    [Benchmark]
    public int IndicatorsJson() => Run("indicators", "--year", "2021", "--format", "json");

    private int Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [_app, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__Mcsc"] = $"Data Source={_databaseFile}";
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
