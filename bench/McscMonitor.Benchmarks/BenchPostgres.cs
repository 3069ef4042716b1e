using Npgsql;

namespace McscMonitor.Benchmarks;

/// <summary>A throw-away database for one benchmark, on the server <c>MCSC_BENCH_POSTGRES</c> names (loopback by default).</summary>
internal static class BenchPostgres
{
    private static string Admin => Environment.GetEnvironmentVariable("MCSC_BENCH_POSTGRES")
                                   ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=mcsc-ci;Database=postgres";

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"mcsc_bench_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(Admin) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
