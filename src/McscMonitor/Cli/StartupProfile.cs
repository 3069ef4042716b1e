using System.Runtime;

namespace McscMonitor.Cli;

/// <summary>
/// The runtime's multicore JIT: each verb records the methods it compiled, and its next start
/// compiles them on the other cores while the verb runs. What ReadyToRun cannot precompile
/// (framework generics over the app's types, EF Core's and System.Text.Json's instantiations)
/// is a third of a read verb's start; recorded, `indicators` starts in about three quarters of
/// the time (docs/performance.md, "Command line").
/// </summary>
public static class StartupProfile
{
    /// <summary>Starts the verb's profile; where the folder cannot be written, the verb runs as before.</summary>
    public static void Start(string[] args)
    {
        try
        {
            var folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "McscMonitor", "startup");
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
