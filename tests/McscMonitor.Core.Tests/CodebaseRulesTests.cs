using System.Text.RegularExpressions;

namespace McscMonitor.Core.Tests;

/// <summary>Rules of the codebase that a reviewer would otherwise have to remember.</summary>
public partial class CodebaseRulesTests
{
    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "McscMonitor.slnx"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }

    [Fact]
    public void EveryClockReadGoesThroughTimeProvider()
    {
        var source = Path.Combine(RepositoryRoot(), "src");
        var reads = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".razor", StringComparison.Ordinal))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, number: index + 1)))
            .Where(read => ClockRead().IsMatch(read.line))
            .Select(read => $"{Path.GetRelativePath(source, read.file)}:{read.number}: {read.line.Trim()}")
            .ToList();

        // Dates a test fixes (audit times, "today", due dates) must all come from the injected clock.
        Assert.Empty(reads);
    }

    /// <summary>
    /// PDFsharp 6.5 and later name the AGPL as their licence: the package restored for the app
    /// must still say MIT, whatever version the props file asks for.
    /// </summary>
    [Fact]
    public void ThePdfLibraryRestoredForTheAppIsMitLicensed()
    {
        var assets = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "McscMonitor", "obj", "project.assets.json")))!;
        var packages = assets["packageFolders"]!.AsObject().Select(folder => folder.Key).ToList();
        var pdfsharp = assets["libraries"]!.AsObject()
            .Where(library => library.Key.StartsWith("PDFsharp/", StringComparison.Ordinal))
            .Select(library => library.Value!["path"]!.GetValue<string>())
            .ToList();

        var path = Assert.Single(pdfsharp);
        var nuspec = packages.Select(folder => Path.Combine(folder, path, "pdfsharp.nuspec")).First(File.Exists);
        Assert.Contains("<license type=\"expression\">MIT</license>", File.ReadAllText(nuspec));
    }

    [GeneratedRegex(@"\bDateTime(Offset)?\.(Now|UtcNow|Today)\b")]
    private static partial Regex ClockRead();
}
