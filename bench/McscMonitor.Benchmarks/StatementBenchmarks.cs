using System.Data.Common;
using BenchmarkDotNet.Attributes;
using McscMonitor.Approvals;
using McscMonitor.Core.Approval;
using McscMonitor.Data;
using McscMonitor.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace McscMonitor.Benchmarks;

/// <summary>
/// What the client adds to one small statement of a year's indicators (the year's approvals, a
/// few rows) on PostgreSQL, on one open connection: the SQL written by hand (the baseline), the
/// app's compiled query (<see cref="ApprovalWorkflow.DeclaredCompleteAsync"/>), and the same
/// query as plain LINQ, which EF Core walks and looks up in its query cache on every run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 15, iterationCount: 10)]
public class StatementBenchmarks
{
    private const int Year = 2021;
    private string _database = null!;
    private ServiceProvider _services = null!;
    private AsyncServiceScope _scope;
    private McscDbContext _db = null!;
    private DbConnection _connection = null!;

    [GlobalSetup]
    public async Task OpenTheDemoDatabase()
    {
        _database = await BenchPostgres.CreateDatabaseAsync();
        _services = new ServiceCollection().AddMcsc(AppServices.BuildConfiguration(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Mcsc"] = _database,
        })).BuildServiceProvider();
        await _services.MigrateAsync();
        await using (var load = _services.CreateAsyncScope())
        {
            var loader = load.ServiceProvider.GetRequiredService<DemoLoader>();
            await loader.LoadAsync();
            await loader.PublishAsync([Year]);
        }
        _scope = _services.CreateAsyncScope();
        _db = _scope.ServiceProvider.GetRequiredService<McscDbContext>();
        await _db.Database.OpenConnectionAsync();
        _connection = _db.Database.GetDbConnection();
    }

    [GlobalCleanup]
    public async Task DropTheDatabase()
    {
        await _db.Database.CloseConnectionAsync();
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
        await BenchPostgres.DropDatabaseAsync(_database);
    }

    [Benchmark(Baseline = true)]
    public async Task<int> HandWrittenSql()
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = """SELECT "Year", "MunicipalityCode" FROM "Approvals" WHERE "Year" >= @first AND "Year" <= @last AND "State" <> 'draft'""";
        var first = command.CreateParameter();
        (first.ParameterName, first.Value) = ("first", Year);
        var last = command.CreateParameter();
        (last.ParameterName, last.Value) = ("last", Year);
        command.Parameters.Add(first);
        command.Parameters.Add(last);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetInt32(0), reader.GetString(1)));
        return rows.ToLookup(row => row.Item1, row => row.Item2).Count;
    }

    [Benchmark]
    public async Task<int> CompiledQuery() => (await ApprovalWorkflow.DeclaredCompleteAsync(_db, Year, Year, CancellationToken.None)).Count;

    [Benchmark]
    public async Task<int> LinqQuery()
    {
        var (first, last) = (Year, Year);
        return (await _db.Approvals.AsNoTracking().Where(a => a.Year >= first && a.Year <= last && a.State != ApprovalState.Draft)
            .Select(a => new { a.Year, a.MunicipalityCode }).ToListAsync()).ToLookup(a => a.Year, a => a.MunicipalityCode).Count;
    }
}
