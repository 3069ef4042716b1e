using McscMonitor.Cli;
using McscMonitor.Data;
using Npgsql;

namespace McscMonitor.Tests;

/// <summary>
/// A fresh database per test: a SQLite file, or a new PostgreSQL database on the server named
/// by MCSC_TEST_POSTGRES. Each is a copy of a template migrated once per test run (and, when
/// asked, with the example files imported), so a test pays for a file copy, not for the
/// migrations. Without that server the PostgreSQL tests are skipped with a reason, except in
/// CI (CI=true), where a missing server fails them.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
    public const string PostgresVariable = "MCSC_TEST_POSTGRES";

    public static TheoryData<string> Providers => [Sqlite, Postgres];

    private readonly string? _sqliteFile;
    private readonly string? _postgresServer;
    private readonly string? _postgresDatabase;

    public IReadOnlyDictionary<string, string?> Settings { get; }

    private TestDatabase(IReadOnlyDictionary<string, string?> settings, string? sqliteFile, string? postgresServer, string? postgresDatabase)
    {
        Settings = settings;
        _sqliteFile = sqliteFile;
        _postgresServer = postgresServer;
        _postgresDatabase = postgresDatabase;
    }

    /// <summary>The example import files, as the README uses them.</summary>
    public static readonly string ExampleFolder = Path.Combine(AppContext.BaseDirectory, "examples", "import");

    /// <summary>Password hashing as cheap as it gets: the tests sign in hundreds of times and test no hash strength.</summary>
    private static readonly KeyValuePair<string, string?> CheapHashing = new("Identity:PasswordHashIterations", "1");

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static readonly Dictionary<(string Provider, Seed Seed), string> Templates = [];

    /// <param name="withExamples">Start from the example files imported, as most API tests do.</param>
    public static Task<TestDatabase> CreateAsync(string provider, bool withExamples) => CreateAsync(provider, withExamples ? Seed.Examples : Seed.Empty);

    /// <param name="seed">What the database holds at the start: nothing, the examples, or the demo.</param>
    public static async Task<TestDatabase> CreateAsync(string provider, Seed seed = Seed.Empty)
    {
        if (provider == Postgres) RequirePostgres();
        var template = await TemplateAsync(provider, seed);
        if (provider == Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"mcsc-test-{Guid.NewGuid():N}.db");
            File.Copy(template, file);
            return new TestDatabase(SqliteSettings(file), file, null, null);
        }

        var server = Environment.GetEnvironmentVariable(PostgresVariable)!;
        var database = $"mcsc_test_{Guid.NewGuid():N}";
        await CreatePostgresDatabaseAsync(server, database, template);
        return new TestDatabase(PostgresSettings(server, database), null, server, database);
    }

    private static void RequirePostgres()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable))) return;
        if (Environment.GetEnvironmentVariable("CI") == "true")
            Assert.Fail($"{PostgresVariable} is not set: CI must run the PostgreSQL tests.");
        Assert.Skip($"PostgreSQL tests need a server: set {PostgresVariable} to a connection string (as .ci/run does).");
    }

    /// <summary>An official publication names who publishes and where: every test database's app is configured as a real install would be.</summary>
    public static readonly Dictionary<string, string?> OfficialPublisher = new()
    {
        ["Publisher:Name"] = "Test Monitoring Mission",
        ["Publisher:Names:sq"] = "Misioni Testues i Monitorimit",
        ["Publisher:Names:sr"] = "Testna posmatračka misija",
        ["Publisher:SiteUrl"] = "https://mcsc.example.org",
    };

    private static Dictionary<string, string?> SqliteSettings(string file) => new()
    {
        ["Database:Provider"] = Sqlite,
        ["ConnectionStrings:Mcsc"] = $"Data Source={file};Pooling=False",
        [CheapHashing.Key] = CheapHashing.Value,
        ["Publisher:Name"] = OfficialPublisher["Publisher:Name"],
        ["Publisher:Names:sq"] = OfficialPublisher["Publisher:Names:sq"],
        ["Publisher:Names:sr"] = OfficialPublisher["Publisher:Names:sr"],
        ["Publisher:SiteUrl"] = OfficialPublisher["Publisher:SiteUrl"],
    };

    private static Dictionary<string, string?> PostgresSettings(string server, string database) => new()
    {
        ["Database:Provider"] = Postgres,
        ["ConnectionStrings:Mcsc"] = new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = false }.ConnectionString,
        [CheapHashing.Key] = CheapHashing.Value,
        ["Publisher:Name"] = OfficialPublisher["Publisher:Name"],
        ["Publisher:Names:sq"] = OfficialPublisher["Publisher:Names:sq"],
        ["Publisher:Names:sr"] = OfficialPublisher["Publisher:Names:sr"],
        ["Publisher:SiteUrl"] = OfficialPublisher["Publisher:SiteUrl"],
    };

    private static async Task CreatePostgresDatabaseAsync(string server, string database, string? template)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {database}{(template is null ? "" : $" TEMPLATE {template}")}", connection);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>The template for this run: a migrated database (a file, or a PostgreSQL database name), built on first use.</summary>
    private static async Task<string> TemplateAsync(string provider, Seed seed)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (Templates.TryGetValue((provider, seed), out var ready)) return ready;
            var name = $"mcsc_template_{Guid.NewGuid():N}";
            TestDatabase built;
            if (provider == Sqlite)
            {
                var file = Path.Combine(Path.GetTempPath(), $"{name}.db");
                built = new TestDatabase(SqliteSettings(file), file, null, null);
            }
            else
            {
                var server = Environment.GetEnvironmentVariable(PostgresVariable)!;
                await CreatePostgresDatabaseAsync(server, name, null);
                built = new TestDatabase(PostgresSettings(server, name), null, server, name);
            }
            await (await built.OpenServicesAsync()).DisposeAsync();
            string[]? seeding = seed switch
            {
                Seed.Examples => ["import", ExampleFolder],
                Seed.Demo => ["demo", "--no-publish"],
                Seed.PublishedDemo => ["demo"],
                _ => null,
            };
            if (seeding is not null && await built.RunAsync(seeding) is { ExitCode: not 0 } failed)
                throw new InvalidOperationException($"Seeding a test database with '{string.Join(' ', seeding)}' failed: {failed.Error}");
            if (provider == Sqlite)
            {
                // Everything into the main file, so that a plain copy of it is the whole database.
                await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={built._sqliteFile};Pooling=False");
                await connection.OpenAsync();
                await using var checkpoint = new Microsoft.Data.Sqlite.SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE);", connection);
                await checkpoint.ExecuteNonQueryAsync();
            }
            // Templates go when the test run ends.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => built.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return Templates[(provider, seed)] = provider == Sqlite ? built._sqliteFile! : name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    /// <summary>The app's services on this database, migrated, for tests that read or write it directly.</summary>
    public async Task<ServiceProvider> OpenServicesAsync()
    {
        var services = new ServiceCollection().AddMcsc(AppServices.BuildConfiguration(Settings)).BuildServiceProvider();
        await services.MigrateAsync();
        return services;
    }

    /// <summary>Runs a CLI verb in-process against this database and captures what it prints.</summary>
    public async Task<CliRun> RunAsync(params string[] args)
    {
        return await CliRun.RunAsync(Settings, args);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null && File.Exists(_sqliteFile)) File.Delete(_sqliteFile);
        if (_postgresServer is not null)
        {
            await using var connection = new NpgsqlConnection(_postgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>What a test database holds when the test starts.</summary>
public enum Seed
{
    Empty,

    /// <summary>The example files of the README, imported.</summary>
    Examples,

    /// <summary>The demo, loaded but not published: every year is still a draft.</summary>
    Demo,

    /// <summary>The demo as `demo` leaves it: every year verified and published.</summary>
    PublishedDemo,
}

public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs a CLI verb in-process with these settings and captures what it prints.</summary>
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, new CliContext(output, error, settings));
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
