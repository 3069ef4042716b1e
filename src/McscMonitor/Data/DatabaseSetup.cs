using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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
                : throw new InvalidOperationException(
                    $"Database:Provider '{providerName}' is not supported; use Sqlite or Postgres.");
        var connectionString = configuration.GetConnectionString("Mcsc");

        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Mcsc is not set.");
            services.AddDbContext<McscDbContext, PostgresMcscDbContext>(options => options.UseNpgsql(connectionString));
        }
        else
        {
            // A writer waits up to a minute for another (a long import) to finish, rather than failing at once.
            var sqlite = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? DefaultSqliteConnectionString() : connectionString)
            {
                DefaultTimeout = 60,
            }.ConnectionString;
            services.AddDbContext<McscDbContext, SqliteMcscDbContext>(options => options.UseSqlite(sqlite));
        }
        return services;
    }

    /// <summary>Creates the database if needed and applies pending migrations.</summary>
    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        // Write-ahead logging: pages and the API keep reading while an import writes. The mode stays with the file.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    private static string DefaultSqliteConnectionString()
    {
        var folder = Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "McscMonitor");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "mcsc.db")}";
    }
}
