using System.CommandLine;
using System.Diagnostics;
using McscMonitor.Cli;

namespace McscMonitor.Import;

public static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("PATH") { Description = "A folder of CSV files, one CSV file, a .zip of CSV files, or an .xlsx workbook" };
        var command = new Command("import", "Imports councils, members, meetings, work plans and compensation; all or nothing.") { path };
        command.SetAction((result, cancellationToken) => RunAsync(context, result.GetValue(path)!, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string path, CancellationToken cancellationToken)
    {
        var limits = ImportLimits.From(AppServices.BuildConfiguration(context.Settings));
        var read = ExchangeReader.Read(path, limits);
        if (read.Errors.Count > 0) return await RejectAsync(context, ImportOutcome.Rejected(read.Errors, limits));

        await using var services = await context.OpenServicesAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<Importer>();
        using var progress = new SlowProgress(context.Error);
        var outcome = await importer.ImportAsync(read, progress, cancellationToken: cancellationToken);
        progress.Finish();
        if (!outcome.Succeeded) return await RejectAsync(context, outcome);

        foreach (var count in outcome.Counts)
            await context.Out.WriteLineAsync($"{count.Table}: {count.Added} added, {count.Updated} updated, {count.Unchanged} unchanged");
        await context.Out.WriteLineAsync("Import complete.");
        return ExitCodes.Done;
    }

    private static async Task<int> RejectAsync(CliContext context, ImportOutcome outcome)
    {
        foreach (var error in outcome.Errors) await context.Error.WriteLineAsync(error.ToString());
        if (outcome.UnlistedErrors > 0) await context.Error.WriteLineAsync($"… and {outcome.UnlistedErrors} more.");
        if (outcome.StoppedNote is { } stopped) await context.Error.WriteLineAsync(stopped);
        await context.Error.WriteLineAsync(
            $"Import rejected: {outcome.ErrorCount} error{(outcome.ErrorCount == 1 ? "" : "s")}. Nothing was written.");
        return ExitCodes.InputRejected;
    }

    /// <summary>Shows on stderr how many rows are checked, then written, but only once an import has taken more than a second.</summary>
    private sealed class SlowProgress(TextWriter error) : IProgress<ImportProgress>, IDisposable
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private bool _shown;

        public void Report(ImportProgress value)
        {
            if (_clock.Elapsed < TimeSpan.FromSeconds(1)) return;
            _shown = true;
            error.Write(value.Writing
                ? $"\rWriting… {value.Rows:N0} of {value.Total:N0} rows ({(value.Total == 0 ? 1 : (double)value.Rows / value.Total):P0})   "
                : $"\rChecking… {value.Rows:N0} rows   ");
        }

        public void Finish()
        {
            if (_shown) error.WriteLine();
            _shown = false;
        }

        public void Dispose() => Finish();
    }
}
