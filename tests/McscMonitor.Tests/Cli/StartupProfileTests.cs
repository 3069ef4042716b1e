using System.Diagnostics;
using McscMonitor.Cli;

namespace McscMonitor.Tests;

public class StartupProfileTests
{
    /// <summary>
    /// Two homes where no profile can be kept: one that is a file (the runtime then names no data
    /// folder at all, and a relative one would land in the working folder), and one whose app
    /// folder is a file (creating the profile's folder fails).
    /// </summary>
    [Theory]
    [InlineData("", "home")]
    [InlineData("home/.local/share", "home/.local/share/McscMonitor")]
    public async Task WhereNoProfileCanBeKeptTheCommandLineRunsAsBeforeAndWritesNothingBesideIt(string folders, string fileInTheWay)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var working = Directory.CreateTempSubdirectory("mcsc-startup-");
        if (folders.Length > 0) Directory.CreateDirectory(Path.Combine(working.FullName, folders));
        var inTheWay = Path.Combine(working.FullName, fileInTheWay);
        await File.WriteAllTextAsync(inTheWay, "a file, not a folder", cancellationToken);
        var before = Directory.GetFileSystemEntries(working.FullName, "*", SearchOption.AllDirectories).Order().ToList();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "McscMonitor.dll"), "--help"])
        {
            WorkingDirectory = working.FullName, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment.Remove("XDG_DATA_HOME");
        start.Environment["HOME"] = Path.Combine(working.FullName, "home");

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);

        Assert.True(process.ExitCode == 0, error);
        Assert.Contains("indicators", output);
        Assert.Equal(before, Directory.GetFileSystemEntries(working.FullName, "*", SearchOption.AllDirectories).Order());
        Assert.Equal("a file, not a folder", await File.ReadAllTextAsync(inTheWay, cancellationToken));
        working.Delete(recursive: true);
    }

    [Theory]
    [InlineData(new[] { "indicators", "--year", "2021" }, "indicators.jitprofile")]
    [InlineData(new[] { "--help" }, "help.jitprofile")]
    [InlineData(new string[0], "serve.jitprofile")]
    [InlineData(new[] { "../../etc/passwd" }, "serve.jitprofile")]
    [InlineData(new[] { "Indicators" }, "serve.jitprofile")]
    public void EachVerbRecordsItsOwnStartAndAnythingElseIsNoFileName(string[] args, string expected) =>
        Assert.Equal(expected, StartupProfile.ProfileName(args));
}
