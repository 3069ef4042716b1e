using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace McscMonitor.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public static class DatabaseSetup
{
    /// <summary>
    /// `Database:Provider` picks SQLite (default) or PostgreSQL; `ConnectionStrings:Mcsc`
    /// points at the database. With neither set, a SQLite file in the user's data folder.
    /// </summary>
    public static IServiceCollection AddMcscDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var providerName = configuration["Database:Provider"];
        var provider = string.IsNullOrWhiteSpace(providerName)
            ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(providerName, ignoreCase: true, out var parsed)
                ? parsed
                : throw new Cli.ConfigurationException(
                    $"Database:Provider '{providerName}' is not supported; use Sqlite or Postgres.");
        var connectionString = configuration.GetConnectionString("Mcsc");

        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new Cli.ConfigurationException("Database:Provider is Postgres but ConnectionStrings:Mcsc is not set.");
            services.AddDbContext<McscDbContext, PostgresMcscDbContext>(options => options.UseNpgsql(Tuned(connectionString), npgsql => npgsql.ExecutionStrategy(dependencies => new ReadRetries(dependencies)))
                // Read at start-up instead of building the model from its configuration; regenerated with each migration.
                .UseModel(CompiledModels.Postgres.PostgresMcscDbContextModel.Instance));
        }
        else
        {
            // A writer waits up to a minute for another (a long import) to finish, rather than failing at once.
            var sqlite = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? DefaultSqliteConnectionString() : connectionString)
            {
                DefaultTimeout = 60,
            }.ConnectionString;
            services.AddDbContext<McscDbContext, SqliteMcscDbContext>(options => options.UseSqlite(sqlite)
                .UseModel(CompiledModels.Sqlite.SqliteMcscDbContextModel.Instance)
                // SQLite changes a column's nullability by rebuilding its table, which turns foreign keys off outside the
                // migration's transaction (ProgressNotesAsRecords); the rebuild itself is EF's, and `backup` comes before an upgrade.
                .ConfigureWarnings(warnings => warnings.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.NonTransactionalMigrationOperationWarning)));
        }
        return services;
    }

    /// <summary>
    /// EF Core opens a pooled connection for each query. By default Npgsql then resets the
    /// session (<c>DISCARD ALL</c>, a round trip of its own) and parses and plans every statement
    /// anew; a year's indicators spent more time on that than on counting. The app keeps no
    /// session state (its one lock is the transaction's), so nothing needs resetting, and its
    /// statements are few and repeated, so each connection prepares them once. Either setting
    /// named in the connection string is kept.
    /// </summary>
    internal static string Tuned(string connectionString)
    {
        var named = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!named.Contains("noresetonclose")) builder.NoResetOnClose = true;
        if (!named.Contains("maxautoprepare")) builder.MaxAutoPrepare = 100;
        return builder.ConnectionString;
    }

    /// <summary>
    /// Why the database cannot be read as it is, or null when it can: it must exist and be at
    /// this version's last migration. Nothing is created or migrated, so a verb that only reads
    /// starts without the cost of a migration check and never changes the schema.
    /// </summary>
    public static async Task<string?> NotReadableBecauseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        const string createIt = "run `import`, `demo` or `serve`, which create and update it";
        if (db.Database.IsSqlite()
            && new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource is { Length: > 0 } file
            && !File.Exists(file))
            return $"There is no McscMonitor database at {file}: {createIt}.";
        try
        {
            if (await LatestAppliedMigrationAsync(db, cancellationToken) is { } latest && latest.EndsWith($"_{LastMigration}", StringComparison.Ordinal))
                return null;
            var applied = await AppliedMigrationsAsync(db, cancellationToken);
            var missing = db.Database.GetMigrations().Count(migration => !applied.Contains(migration));
            return missing == 0 ? null
                : applied.Count == 0 ? $"The database holds no McscMonitor data yet: {createIt}."
                : $"The database is at an earlier version of McscMonitor ({missing} updates to apply): {createIt}.";
        }
        catch (System.Data.Common.DbException unreachable)
        {
            return $"The database cannot be opened: {unreachable.Message}";
        }
    }

    /// <summary>
    /// The name of this version's last migration, the same on both providers (a test holds it to
    /// the migrations): a database whose latest applied migration has it is current, known
    /// without listing the assembly's migrations, which scans every type in it.
    /// </summary>
    public const string LastMigration = "Attachments";

    /// <summary>The latest migration the database records; null when it records none or has no history table.</summary>
    private static async Task<string?> LatestAppliedMigrationAsync(McscDbContext db, CancellationToken cancellationToken) =>
        await db.Database.WithOpenConnectionAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT MAX(\"MigrationId\") FROM \"{HistoryRepository.DefaultTableName}\"";
            try
            {
                return await command.ExecuteScalarAsync(cancellationToken) as string;
            }
            catch (System.Data.Common.DbException)
            {
                // No history table yet, or no database to ask: the full check says which.
                return null;
            }
        }, cancellationToken);

    /// <summary>
    /// The migrations the database records, read with one plain query: EF Core's own
    /// <c>GetAppliedMigrationsAsync</c> first builds a model of the history table from conventions,
    /// a quarter of a read verb's start.
    /// </summary>
    private static async Task<HashSet<string>> AppliedMigrationsAsync(McscDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.GetService<IHistoryRepository>().ExistsAsync(cancellationToken)) return [];
        return await db.Database.WithOpenConnectionAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"MigrationId\" FROM \"{HistoryRepository.DefaultTableName}\"";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var applied = new HashSet<string>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetString(0));
            return applied;
        }, cancellationToken);
    }

    /// <summary>Creates the database if needed and applies pending migrations.</summary>
    /// <remarks>
    /// A database already at the last migration is left alone: EF Core's migrator would first
    /// build the model from its configuration to look for changes no migration holds (0.8 s of
    /// every import's start, the compiled model notwithstanding). That check still runs whenever
    /// a migration is applied, so on every new test database.
    /// </remarks>
    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        if (await services.NotReadableBecauseAsync(cancellationToken) is not null) await db.Database.MigrateAsync(cancellationToken);
        // Write-ahead logging: pages and the API keep reading while an import writes. The mode stays with the file.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    private static string DefaultSqliteConnectionString()
    {
        var folder = AppServices.UserDataFolder;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            throw new Cli.ConfigurationException(
                $"The default database's folder {folder} cannot be created ({problem.Message}); name a database in ConnectionStrings__Mcsc.");
        }
        return $"Data Source={Path.Combine(folder, "mcsc.db")}";
    }
}
