using McscMonitor.Audit;
using McscMonitor.Core.Rules;
using McscMonitor.Data;
using McscMonitor.Demo;
using McscMonitor.FactSheet;
using McscMonitor.Import;
using McscMonitor.Indicators;
using McscMonitor.Users;

namespace McscMonitor;

public static class AppServices
{
    /// <summary>Everything every verb needs: the database, the rulebook and the feature services.</summary>
    public static IServiceCollection AddMcsc(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMcscDatabase(configuration);
        services.AddSingleton(LoadRulebook(configuration));
        services.AddScoped(provider => new AuditActor(provider.GetRequiredService<TimeProvider>()));
        services.AddMcscUsers(configuration);
        services.AddSingleton(DisclosureOptions.From(configuration));
        services.AddScoped<IndicatorQuery>();
        services.AddSingleton(Approvals.ApprovalOptions.From(configuration));
        services.AddScoped<Approvals.ApprovalWorkflow>();
        services.AddScoped<Publications.Publisher>();
        services.AddScoped<Publications.PublicationVerifier>();
        services.AddScoped<Trends.TrendQuery>();
        services.AddScoped<Web.StaffYears>();
        services.AddSingleton(ImportLimits.From(configuration));
        services.AddSingleton(Attachments.AttachmentLimits.From(configuration));
        services.AddScoped<Attachments.IAttachmentStore, Attachments.DatabaseAttachmentStore>();
        services.AddSingleton<ImportGate>();
        services.AddScoped<Importer>();
        services.AddScoped<EvidenceImport>();
        services.AddScoped<DemoLoader>();
        services.AddScoped<Export.Exporter>();
        services.AddScoped<FactSheetBuilder>();
        services.AddSingleton<FactSheetCache>();
        services.AddSingleton<Indicators.ComputedYears>();
        services.AddSingleton(PublisherOptions.From(configuration));
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// The app's folder in the user's data folder (<c>~/.local/share/McscMonitor</c> on Linux): the
    /// default database and the verbs' start-up profiles. Relative when the user has no home.
    /// </summary>
    /// <remarks>
    /// Named even when <c>~/.local/share</c> does not exist yet (a new server account): asked
    /// without <c>DoNotVerify</c>, the runtime then names no folder at all, and the database went
    /// to whatever folder the command ran in.
    /// </remarks>
    public static string UserDataFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "McscMonitor");

    /// <summary>appsettings.json, then environment variables (`Database__Provider`), then the caller's overrides.</summary>
    public static IConfiguration BuildConfiguration(IReadOnlyDictionary<string, string?> overrides) =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();

    /// <summary>The built-in rulebook, or the one at `Rulebook:Path` when a revision is configured.</summary>
    /// <remarks>A file that cannot be read or is not a rulebook is a setting to mend, said in one sentence.</remarks>
    private static Rulebook LoadRulebook(IConfiguration configuration)
    {
        if (configuration["Rulebook:Path"] is not { Length: > 0 } path) return Rulebook.Default;
        try
        {
            return Rulebook.Parse(File.ReadAllText(path));
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            throw new Cli.ConfigurationException($"Rulebook:Path: {path} cannot be read ({problem.Message}).");
        }
        catch (System.Text.Json.JsonException problem)
        {
            throw new Cli.ConfigurationException($"Rulebook:Path: {path} is not valid JSON (line {problem.LineNumber + 1}).");
        }
        catch (RulebookException problem)
        {
            throw new Cli.ConfigurationException($"Rulebook:Path: {path} is not a usable rulebook: {problem.Message}");
        }
    }
}
