using System.Runtime;

namespace McscMonitor.Cli;

/// <summary>
/// The runtime's multicore JIT: each verb records the methods it compiled, and its next start
/// compiles them on the other cores while the verb runs. What ReadyToRun cannot precompile
/// (framework generics over the app's types, EF Core's and System.Text.Json's instantiations)
/// is much of a read verb's start (docs/performance.md, "Command line").
/// </summary>
public static class StartupProfile
{
    /// <summary>Starts the verb's profile; with no home, or where the folder cannot be written, the verb runs as before.</summary>
    public static void Start(string[] args)
    {
        var folder = Path.Combine(AppServices.UserDataFolder, "startup");
        // Without a home the folder would be relative: a profile is not worth a folder in the working directory.
        if (!Path.IsPathRooted(folder)) return;
        try
        {
            Directory.CreateDirectory(folder);
            ProfileOptimization.SetProfileRoot(folder);
            ProfileOptimization.StartProfile(ProfileName(args));
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // A read-only home or no home at all: nothing recorded, nothing lost but speed.
        }
    }

    /// <summary>One profile per verb (the first argument when it reads as one), so `indicators` does not replay `serve`.</summary>
    public static string ProfileName(string[] args) =>
        args is [var verb, ..] && verb.Length is > 0 and <= 20 && verb.All(c => char.IsAsciiLetterLower(c) || c == '-')
            ? verb.TrimStart('-') + ".jitprofile"
            : "serve.jitprofile";
}
