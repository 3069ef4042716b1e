using System.CommandLine;
using McscMonitor.Cli;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Names;

namespace McscMonitor.Indicators;

public static class IndicatorsCommand
{
    public static Command Create(CliContext context)
    {
        var year = new Option<int>("--year") { Description = "Calendar year to measure", Required = true };
        var format = new Option<string>("--format") { Description = "Output: json, table or csv", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "table", "csv");
        var municipality = new Option<string?>("--municipality") { Description = "Only this municipality (code or any name)" };
        var language = new Option<string>("--lang") { Description = "Language of gap messages and names: sq, sr-Latn, sr-Cyrl, en", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong(Languages.All.Select(l => l.Tag()).ToArray());

        var command = new Command("indicators", "Prints every municipality's indicators and gaps for a year.") { year, format, municipality, language };
        command.SetAction((result, cancellationToken) => RunAsync(
            context, result.GetValue(year), result.GetValue(format)!, result.GetValue(municipality), result.GetValue(language)!,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, int year, string format, string? municipalityName, string languageTag, CancellationToken cancellationToken)
    {
        if (!YearBounds.Contains(year))
        {
            await context.Error.WriteLineAsync($"--year {year} is outside {YearBounds.Range}.");
            return ExitCodes.UsageError;
        }
        var language = Languages.ParseOrEnglish(languageTag);

        await using var services = await context.OpenForReadingAsync(cancellationToken);
        if (services is null) return ExitCodes.InputRejected;
        await using var scope = services.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<IndicatorQuery>();
        // Computed first, the year tells whether it has records, where asking beforehand was a statement (and a query to compile) of its own.
        var indicators = await query.ComputeAsync(year, language, cancellationToken);
        if (!indicators.HasRecords && await query.WithoutRecordsAsync(year, cancellationToken) is { } problem)
        {
            await context.Error.WriteLineAsync(problem);
            return ExitCodes.InputRejected;
        }
        var document = IndicatorsDocument.From(indicators, await query.IsIllustrativeAsync(cancellationToken));

        if (municipalityName is not null)
        {
            var match = new MunicipalityMatcher(indicators.Municipalities.Select(m => m.Municipality)).Match(municipalityName);
            if (match.Municipality is null)
            {
                await context.Error.WriteLineAsync($"--municipality: {match.Describe(municipalityName)}");
                return ExitCodes.UsageError;
            }
            document = document with { Municipalities = document.Municipalities.Where(m => m.Code == match.Municipality.Code).ToList() };
        }

        await context.Out.WriteAsync(format switch
        {
            "table" => IndicatorText.Table(document, language),
            "csv" => IndicatorText.Csv(document),
            _ => document.ToJson() + Environment.NewLine,
        });
        return ExitCodes.Done;
    }
}
