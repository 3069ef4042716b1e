using McscMonitor.Cli;
using McscMonitor.Data;
using Npgsql;

namespace McscMonitor.Tests;

/// <summary>
/// A fresh, empty database per test: a SQLite file, or a new PostgreSQL database on the
/// server named by MCSC_TEST_POSTGRES. Without that server the PostgreSQL tests are skipped
/// with a reason, except in CI (CI=true), where a missing server fails them.
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

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"mcsc-test-{Guid.NewGuid():N}.db");
            return new TestDatabase(new Dictionary<string, string?>
            {
                ["Database:Provider"] = Sqlite,
                ["ConnectionStrings:Mcsc"] = $"Data Source={file};Pooling=False",
            }, file, null, null);
        }

        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
                Assert.Fail($"{PostgresVariable} is not set: CI must run the PostgreSQL tests.");
            Assert.Skip($"PostgreSQL tests need a server: set {PostgresVariable} to a connection string (as .ci/run does).");
        }
        var database = $"mcsc_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = false };
        return new TestDatabase(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Postgres,
            ["ConnectionStrings:Mcsc"] = builder.ConnectionString,
        }, null, server, database);
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
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, new CliContext(output, error, Settings));
        return new CliRun(exitCode, output.ToString(), error.ToString());
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

public sealed record CliRun(int ExitCode, string Output, string Error);
