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
/// with like, each build against its own `--help`: as built (`dotnet build -c Release`, what
/// `dotnet run` starts); published as the README installs it (self-contained, the framework and
/// the app compiled ahead of time into one composite ReadyToRun image, started by its own
/// executable); and published framework-dependent with ReadyToRun (the earlier install), for
/// comparison. Three launches of ten iterations each: the ratio's spread (RatioSD) is over all thirty.
/// Every benchmark checks its exit code, so a build that fails to start is not measured as a fast one.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 3, warmupCount: 1, iterationCount: 10)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CliStartBenchmarks
{
    private string _app = null!;
    private string _published = null!;
    private string _frameworkDependent = null!;
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
        if (Run("dotnet", _app, "demo", "--no-publish") != 0) throw new InvalidOperationException("The demo database could not be created.");
        var project = Path.Combine(root.FullName, "src", "McscMonitor");
        _published = Publish(project, "self-contained", "--self-contained", "true", "-p:PublishReadyToRun=true", "-p:PublishReadyToRunComposite=true");
        _frameworkDependent = Publish(project, "framework-dependent", "--self-contained", "false", "-p:PublishReadyToRun=true");
    }

    /// <summary>
    /// The app published one way, once per build of it: every launch of every benchmark runs this
    /// setup, and a composite publish takes minutes, so a folder named for the build is reused.
    /// </summary>
    private string Publish(string project, string name, params string[] options)
    {
        var build = File.GetLastWriteTimeUtc(_app).Ticks.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        var output = Path.Combine(Path.GetTempPath(), $"mcsc-bench-{name}-{build}");
        if (Directory.Exists(output)) return output;
        foreach (var older in Directory.GetDirectories(Path.GetTempPath(), $"mcsc-bench-{name}-*")) Directory.Delete(older, recursive: true);
        // Published beside it and renamed when complete: a publish cut short is never taken for one.
        var partial = output + "-partial";
        if (Run("dotnet", ["publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, .. options, "-o", partial]) != 0)
            throw new InvalidOperationException("The app could not be published.");
        Directory.Move(partial, output);
        return output;
    }

    [GlobalCleanup]
    public void DeleteDatabase() => File.Delete(_databaseFile);

    [Benchmark(Baseline = true), BenchmarkCategory("as built")]
    public int Help() => Succeeded(Run("dotnet", _app, "--help"));

    [Benchmark, BenchmarkCategory("as built")]
    public int IndicatorsJson() => Succeeded(Run("dotnet", _app, "indicators", "--year", "2021", "--format", "json"));

    [Benchmark(Baseline = true), BenchmarkCategory("published")]
    public int PublishedHelp() => Succeeded(Run(Path.Combine(_published, "McscMonitor"), "--help"));

    [Benchmark, BenchmarkCategory("published")]
    public int PublishedIndicatorsJson() => Succeeded(Run(Path.Combine(_published, "McscMonitor"), "indicators", "--year", "2021", "--format", "json"));

    [Benchmark(Baseline = true), BenchmarkCategory("framework-dependent")]
    public int FrameworkDependentHelp() => Succeeded(Run("dotnet", Path.Combine(_frameworkDependent, "McscMonitor.dll"), "--help"));

    [Benchmark, BenchmarkCategory("framework-dependent")]
    public int FrameworkDependentIndicatorsJson() =>
        Succeeded(Run("dotnet", Path.Combine(_frameworkDependent, "McscMonitor.dll"), "indicators", "--year", "2021", "--format", "json"));

    private static int Succeeded(int exitCode) =>
        exitCode == 0 ? exitCode : throw new InvalidOperationException($"The command exited with {exitCode}.");

    /// <summary>Runs a program (the app's own executable, or <c>dotnet</c> with an app's dll or an SDK command) on the demo database.</summary>
    private int Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__Mcsc"] = $"Data Source={_databaseFile}";
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
