using System.CommandLine;
using McscMonitor.Data;
using McscMonitor.Demo;
using McscMonitor.FactSheet;
using McscMonitor.Import;
using McscMonitor.Indicators;
using McscMonitor.Users;
using McscMonitor.Web;

namespace McscMonitor.Cli;

/// <summary>Where a verb writes, and configuration that tests pass in instead of environment variables.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, IReadOnlyDictionary<string, string?> Settings)
{
    public static CliContext Console() => new(System.Console.Out, System.Console.Error, new Dictionary<string, string?>());

    /// <summary>A path as the user typed it, made absolute against the working directory they typed it in.</summary>
    public string FullPath(string path) => Path.GetFullPath(path);

    /// <summary>
    /// A service provider for a verb that only reads, on a database that is there and current;
    /// otherwise null, with the reason written to <see cref="Error"/> (the verb then exits 1).
    /// </summary>
    public async Task<ServiceProvider?> OpenForReadingAsync(CancellationToken cancellationToken)
    {
        var services = new ServiceCollection().AddMcsc(AppServices.BuildConfiguration(Settings)).BuildServiceProvider();
        if (await services.NotReadableBecauseAsync(cancellationToken) is not { } problem) return services;
        await Error.WriteLineAsync(problem);
        await services.DisposeAsync();
        return null;
    }

    /// <summary>A service provider for a one-shot verb, with the database migrated.</summary>
    public async Task<ServiceProvider> OpenServicesAsync(CancellationToken cancellationToken)
    {
        var services = new ServiceCollection().AddMcsc(AppServices.BuildConfiguration(Settings)).BuildServiceProvider();
        await services.MigrateAsync(cancellationToken);
        return services;
    }
}

public static class ExitCodes
{
    public const int Done = 0;
    public const int InputRejected = 1;
    public const int UsageError = 2;

    /// <summary>A failure nobody foresaw: a bug, reported as such with where its details are.</summary>
    public const int Unexpected = 70;
}

public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliContext? context = null)
    {
        context ??= CliContext.Console();
        var serve = ServeCommand.Create(context);
        var root = new RootCommand("McscMonitor: records, indicators and fact sheets of Kosovo's Municipal Community Safety Councils.")
        {
            serve,
            ImportCommand.Create(context),
            IndicatorsCommand.Create(context),
            DemoCommand.Create(context),
            Synthetic.GenerateCommand.Create(context),
            TemplateCommand.Create(context),
            FactSheetCommand.Create(context),
            UsersCommand.Create(context),
            Export.ExportCommand.Create(context),
            Approvals.ApprovalCommand.Create(context),
            Records.CheckCommand.Create(context),
        };
        foreach (var command in BackupCommand.Create(context).Concat(Publications.PublishCommand.Create(context))) root.Subcommands.Add(command);
        // With no verb, McscMonitor serves the web app.
        root.SetAction((result, cancellationToken) => ServeCommand.RunAsync(context, [], demo: false, cancellationToken));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) await context.Error.WriteLineAsync(Plainly(error));
            await context.Error.WriteLineAsync("Run with --help to see the verbs and their options.");
            return ExitCodes.UsageError;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (ConfigurationException problem)
        {
            // A setting the operator can mend: said in one sentence, without a stack trace.
            await context.Error.WriteLineAsync(problem.Message);
            return ExitCodes.InputRejected;
        }
        catch (Exception unexpected) when (unexpected is not OperationCanceledException)
        {
            // A bug: one sentence for the person at the keyboard, the whole story in a file for whoever fixes it.
            var log = Path.Combine(Path.GetTempPath(), $"mcsc-failure-{TimeProvider.System.GetUtcNow():yyyyMMdd-HHmmss}.log");
            await File.WriteAllTextAsync(log, unexpected.ToString(), CancellationToken.None);
            await context.Error.WriteLineAsync($"McscMonitor failed unexpectedly ({unexpected.GetType().Name}: {unexpected.Message}). " +
                $"This is a bug; the details are in {log}.");
            return ExitCodes.Unexpected;
        }
    }

    /// <summary>A parse error in words: "--year must be a year, like 2021", not the name of a .NET type.</summary>
    private static string Plainly(System.CommandLine.Parsing.ParseError error)
    {
        if (error.SymbolResult is not System.CommandLine.Parsing.OptionResult { Option: var option } result) return error.Message;
        var typed = string.Join(" ", result.Tokens.Select(token => token.Value));
        var kind = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        if (kind != typeof(int) || typed.Length == 0) return error.Message;
        return option.Name == "--year"
            ? $"{option.Name} must be a year, like 2021, not \"{typed}\"."
            : $"{option.Name} must be a whole number, like 10, not \"{typed}\".";
    }
}
