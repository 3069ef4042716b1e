using System.CommandLine;
using McscMonitor.Cli;
using McscMonitor.Core.Domain;

namespace McscMonitor.FactSheet;

public static class FactSheetCommand
{
    public static Command Create(CliContext context)
    {
        var year = new Option<int>("--year") { Description = "Calendar year of the fact sheet", Required = true };
        var language = new Option<string>("--lang") { Description = "Language: sq, sr-Latn, sr-Cyrl, en, or all (one file per language)", Required = true };
        language.AcceptOnlyFromAmong([.. Languages.All.Select(l => l.Tag()), "all"]);
        var format = new Option<string>("--format") { Description = "Output: pdf or html", DefaultValueFactory = _ => "pdf" };
        format.AcceptOnlyFromAmong("pdf", "html");
        var output = new Option<string>("--out")
        {
            Description = "File to write; with --lang all, the language is added before the extension (factsheet.sq.pdf)",
            Required = true,
        };
        var command = new Command("factsheet", "Writes the yearly fact sheet as PDF or HTML.") { year, language, format, output };
        command.SetAction((result, cancellationToken) => RunAsync(context, result.GetValue(year), result.GetValue(language)!,
            result.GetValue(format) == "html" ? FactSheetFormat.Html : FactSheetFormat.Pdf, result.GetValue(output)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, int year, string languageTag, FactSheetFormat format, string output, CancellationToken cancellationToken)
    {
        if (!YearBounds.Contains(year))
        {
            await context.Error.WriteLineAsync($"--year {year} is outside {YearBounds.Range}.");
            return ExitCodes.UsageError;
        }
        var languages = languageTag == "all"
            ? Languages.All
            : Languages.TryParse(languageTag, out var language) ? [language] : [];

        await using var services = await context.OpenForReadingAsync(cancellationToken);
        if (services is null) return ExitCodes.InputRejected;
        await using var scope = services.CreateAsyncScope();
        var builder = scope.ServiceProvider.GetRequiredService<FactSheetBuilder>();
        if (await scope.ServiceProvider.GetRequiredService<Indicators.IndicatorQuery>().WithoutRecordsAsync(year, cancellationToken) is { } problem)
        {
            // A sheet of a year without records would show invented zeros; there is none to write.
            await context.Error.WriteLineAsync(problem);
            return ExitCodes.InputRejected;
        }
        foreach (var each in languages)
        {
            var path = languageTag == "all"
                ? Path.ChangeExtension(output, $"{each.Tag()}{Path.GetExtension(output)}")
                : output;
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null) Directory.CreateDirectory(directory);
            await File.WriteAllBytesAsync(path, await builder.RenderAsync(year, each, format, cancellationToken), cancellationToken);
            await context.Out.WriteLineAsync($"Wrote {path}");
        }
        return ExitCodes.Done;
    }
}
