using System.Diagnostics;
using McscMonitor.Cli;

namespace McscMonitor.Tests;

/// <summary>The user's data folder (<c>~/.local/share/McscMonitor</c>): the default database and the verbs' start-up profiles.</summary>
public class UserDataFolderTests
{
    /// <summary>
    /// Two homes where no profile can be kept: one that is a file (and a relative data folder
    /// would land in the working folder), and one whose app folder is a file (creating the
    /// profile's folder fails).
    /// </summary>
    [Theory]
    [InlineData("", "home")]
    [InlineData("home/.local/share", "home/.local/share/McscMonitor")]
    public async Task WhereNoProfileCanBeKeptTheCommandLineRunsAsBeforeAndWritesNothingBesideIt(string folders, string fileInTheWay)
    {
        var working = Directory.CreateTempSubdirectory("mcsc-startup-");
        if (folders.Length > 0) Directory.CreateDirectory(Path.Combine(working.FullName, folders));
        var inTheWay = Path.Combine(working.FullName, fileInTheWay);
        await File.WriteAllTextAsync(inTheWay, "a file, not a folder", TestContext.Current.CancellationToken);
        var before = Entries(working);

        var (exitCode, output, error) = await RunWithHomeAsync(working, "--help");

        Assert.True(exitCode == 0, error);
        Assert.Contains("indicators", output);
        Assert.Equal(before, Entries(working));
        Assert.Equal("a file, not a folder", await File.ReadAllTextAsync(inTheWay, TestContext.Current.CancellationToken));
        working.Delete(recursive: true);
    }

    [Fact]
    public async Task ANewAccountsDefaultDatabaseIsInItsHomeWhereLocalShareDoesNotExistYetNotInTheWorkingFolder()
    {
        var working = Directory.CreateTempSubdirectory("mcsc-home-");
        Directory.CreateDirectory(Path.Combine(working.FullName, "home"));

        var (exitCode, _, error) = await RunWithHomeAsync(working, "indicators", "--year", "2021");

        Assert.Equal(ExitCodes.InputRejected, exitCode);
        Assert.Contains($"There is no McscMonitor database at {Path.Combine(working.FullName, "home", ".local", "share", "McscMonitor", "mcsc.db")}", error);
        Assert.True(File.Exists(Path.Combine(working.FullName, "home", ".local", "share", "McscMonitor", "startup", "indicators.jitprofile")));
        Assert.Equal(["home"], Directory.GetFileSystemEntries(working.FullName).Select(Path.GetFileName));
        working.Delete(recursive: true);
    }

    [Fact]
    public async Task AHomeWhereTheDefaultDatabaseCannotBeMadeIsSaidInOneSentenceWithTheSettingToUseInstead()
    {
        var working = Directory.CreateTempSubdirectory("mcsc-home-");
        await File.WriteAllTextAsync(Path.Combine(working.FullName, "home"), "a file, not a folder", TestContext.Current.CancellationToken);

        var (exitCode, output, error) = await RunWithHomeAsync(working, "indicators", "--year", "2021");

        Assert.Equal(ExitCodes.InputRejected, exitCode);
        Assert.Equal("", output);
        var sentence = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"The default database's folder {Path.Combine(working.FullName, "home", ".local", "share", "McscMonitor")} cannot be created", sentence);
        Assert.EndsWith("name a database in ConnectionStrings__Mcsc.", sentence);
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

    private static List<string> Entries(DirectoryInfo folder) =>
        [.. Directory.GetFileSystemEntries(folder.FullName, "*", SearchOption.AllDirectories).Order()];

    /// <summary>The command line as a user runs it, in <paramref name="working"/>, with its <c>home</c> as the user's home and no database named.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunWithHomeAsync(DirectoryInfo working, params string[] args)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "McscMonitor.dll"), .. args])
        {
            WorkingDirectory = working.FullName, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment.Remove("XDG_DATA_HOME");
        start.Environment.Remove("ConnectionStrings__Mcsc");
        start.Environment.Remove("Database__Provider");
        start.Environment["HOME"] = Path.Combine(working.FullName, "home");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, output, error);
    }
}
