using System.Data.Common;
using BenchmarkDotNet.Attributes;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Indicators;
using McscMonitor.Core.Rules;
using McscMonitor.Data;
using McscMonitor.Demo;
using McscMonitor.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace McscMonitor.Benchmarks;

/// <summary>
/// One year's indicators over the demo data, and over a database of about a million meetings (the
/// demo's councils, each with a meeting on every day from 1946 to 2025), on SQLite and on PostgreSQL
/// (a database of its own on the server <c>MCSC_BENCH_POSTGRES</c> names, loopback by default). The baseline is a hand-written SQL
/// aggregate over the same tables that only counts; beside it, the app's query (counted in the
/// database, measured by the engine) and the previous implementation (every record of the year
/// loaded, counted in memory), and ten years of indicators in a row.
/// </summary>
/// <remarks>
/// Fifteen warm-up iterations: the app's year runs through a few thousand methods of EF Core and
/// Npgsql, which the runtime recompiles optimised only after some hundreds of calls (tiered
/// compilation); with two, the first measured iterations still ran them unoptimised, at twice the
/// time of the last, while the hand-written baseline, a few methods, was steady from the start.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 15, iterationCount: 10)]
public class IndicatorBenchmarks
{
    private const int Year = 2021;
    private string _database = null!;
    private ServiceProvider _services = null!;

    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; }

    /// <summary>The demo data alone (130 meetings in 2021), or with a meeting every day added.</summary>
    [ParamsSource(nameof(Sizes))]
    public bool MillionMeetings { get; set; } = true;

    /// <summary>Both providers, or the one <c>MCSC_BENCH_PROVIDER</c> names (Sqlite, Postgres), for a run of several launches of one.</summary>
    public static IEnumerable<DatabaseProvider> Providers =>
        Environment.GetEnvironmentVariable("MCSC_BENCH_PROVIDER") is { Length: > 0 } only
            ? [Enum.Parse<DatabaseProvider>(only, ignoreCase: true)]
            : [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    /// <summary>Both sizes, or only the million meetings when <c>MCSC_BENCH_MILLION_ONLY</c> is 1.</summary>
    public static IEnumerable<bool> Sizes => Environment.GetEnvironmentVariable("MCSC_BENCH_MILLION_ONLY") == "1" ? [true] : [false, true];

    [GlobalSetup]
    public async Task LoadAMillionMeetings()
    {
        _database = Provider == DatabaseProvider.Postgres
            ? await BenchPostgres.CreateDatabaseAsync()
            : Path.Combine(Path.GetTempPath(), $"mcsc-bench-{Guid.NewGuid():N}.db");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["ConnectionStrings:Mcsc"] = Provider == DatabaseProvider.Postgres ? _database : $"Data Source={_database}",
        };
        _services = new ServiceCollection().AddMcsc(AppServices.BuildConfiguration(settings)).BuildServiceProvider();
        await _services.MigrateAsync();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoLoader>().LoadAsync();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        if (!MillionMeetings) return;
        await db.Database.ExecuteSqlRawAsync(Provider == DatabaseProvider.Postgres
            ? """
              INSERT INTO "Meetings" ("CouncilId", "Date", "Status", "DiscussedSecurityIncidents", "DiscussedNonMajorityConcerns", "Version")
              SELECT c."Id", day::date, CASE WHEN (c."Id" + day::date - DATE '1946-01-01') % 7 = 0 THEN 'cancelled' ELSE 'held' END,
                     (c."Id" + day::date - DATE '1946-01-01') % 3 = 0, NULL, 1
              FROM "Councils" c CROSS JOIN generate_series(DATE '1946-01-01', DATE '2025-12-31', INTERVAL '1 day') AS day
              WHERE NOT EXISTS (SELECT 1 FROM "Meetings" m WHERE m."CouncilId" = c."Id" AND m."Date" = day::date)
              """
            : """
              WITH RECURSIVE days(day) AS (SELECT '1946-01-01' UNION ALL SELECT date(day, '+1 day') FROM days WHERE day < '2025-12-31')
              INSERT INTO Meetings (CouncilId, Date, Status, DiscussedSecurityIncidents, DiscussedNonMajorityConcerns, Version)
              SELECT c.Id, days.day, CASE WHEN (c.Id + julianday(days.day)) % 7 = 0 THEN 'cancelled' ELSE 'held' END,
                     (c.Id + julianday(days.day)) % 3 = 0, NULL, 1
              FROM Councils c CROSS JOIN days
              WHERE NOT EXISTS (SELECT 1 FROM Meetings m WHERE m.CouncilId = c.Id AND m.Date = days.day)
              """);
        await db.Database.ExecuteSqlRawAsync(Provider == DatabaseProvider.Postgres ? "VACUUM ANALYZE" : "ANALYZE");
        Console.WriteLine($"// meetings stored: {await db.Meetings.CountAsync()}");
    }

    [GlobalCleanup]
    public async Task DeleteDatabase()
    {
        await _services.DisposeAsync();
        if (Provider == DatabaseProvider.Postgres)
        {
            await BenchPostgres.DropDatabaseAsync(_database);
            return;
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    [Benchmark(Baseline = true)]
    public async Task<int> HandWrittenSqlAggregate()
    {
        await using var scope = _services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<McscDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        var rows = 0;
        if (Provider == DatabaseProvider.Postgres)
        {
            rows += await CountRowsAsync(connection, """
                SELECT "CouncilId", COUNT(*), COUNT(*) FILTER (WHERE "Status" = 'held'),
                       COUNT(*) FILTER (WHERE "Status" = 'held' AND ("DiscussedSecurityIncidents" OR "DiscussedNonMajorityConcerns"))
                FROM "Meetings" WHERE "Date" >= DATE '2021-01-01' AND "Date" <= DATE '2021-12-31' GROUP BY "CouncilId"
                """);
            rows += await CountRowsAsync(connection, """
                SELECT "CouncilId", "Community", "Gender", "ErasedCountedAsWoman", "ErasedCountedAsNonMajority", COUNT(*)
                FROM "Members" WHERE "AppointedOn" <= DATE '2021-12-31' AND ("LeftOn" IS NULL OR "LeftOn" >= DATE '2021-12-31')
                GROUP BY "CouncilId", "Community", "Gender", "ErasedCountedAsWoman", "ErasedCountedAsNonMajority"
                """);
            return rows;
        }
        rows += await CountRowsAsync(connection, """
            SELECT CouncilId, COUNT(*), SUM(Status = 'held'), SUM(Status = 'held' AND (DiscussedSecurityIncidents = 1 OR DiscussedNonMajorityConcerns = 1))
            FROM Meetings WHERE Date >= '2021-01-01' AND Date <= '2021-12-31' GROUP BY CouncilId
            """);
        rows += await CountRowsAsync(connection, """
            SELECT CouncilId, Community, Gender, ErasedCountedAsWoman, ErasedCountedAsNonMajority, COUNT(*)
            FROM Members WHERE AppointedOn <= '2021-12-31' AND (LeftOn IS NULL OR LeftOn >= '2021-12-31')
            GROUP BY CouncilId, Community, Gender, ErasedCountedAsWoman, ErasedCountedAsNonMajority
            """);
        return rows;
    }

    /// <summary>
    /// The baseline's two aggregates plus, by hand, every other read the app's year makes: the
    /// municipalities, the councils of the year, whether synthetic units exist, and the year's
    /// work plans, compensation and approvals. Rows are read, not materialised.
    /// </summary>
    [Benchmark]
    public async Task<int> HandWrittenSqlSameReads()
    {
        var rows = await HandWrittenSqlAggregate();
        await using var scope = _services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<McscDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        var (yearStart, yearEnd) = Provider == DatabaseProvider.Postgres ? ("DATE '2021-01-01'", "DATE '2021-12-31'") : ("'2021-01-01'", "'2021-12-31'");
        foreach (var sql in (string[])[
                     "SELECT * FROM \"Municipalities\" WHERE NOT \"Synthetic\"",
                     $"SELECT * FROM \"Councils\" WHERE \"EstablishedOn\" <= {yearEnd} AND (\"DissolvedOn\" IS NULL OR \"DissolvedOn\" >= {yearStart})",
                     "SELECT EXISTS (SELECT 1 FROM \"Municipalities\" WHERE \"Synthetic\")",
                     "SELECT * FROM \"WorkPlans\" WHERE \"Year\" = 2021",
                     "SELECT * FROM \"Compensation\" WHERE \"Year\" = 2021",
                     "SELECT \"Year\", \"MunicipalityCode\" FROM \"Approvals\" WHERE \"Year\" = 2021 AND \"State\" <> 'draft'"])
            rows += await CountRowsAsync(connection, sql);
        return rows;
    }

    [Benchmark]
    public async Task<YearIndicators> CountedInTheDatabase()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IndicatorQuery>().ComputeAsync(Year, Language.En);
    }

    /// <summary>How the app computed a year before: the year's members, meetings and plans loaded as entities and counted in memory.</summary>
    [Benchmark]
    public async Task<YearIndicators> PreviousLoadedIntoMemory()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        var yearStart = new DateOnly(Year, 1, 1);
        var yearEnd = new DateOnly(Year, 12, 31);
        var municipalities = await db.Municipalities.AsNoTracking().ToListAsync();
        var councils = await db.Councils.AsNoTracking()
            .Include(c => c.Members.Where(m => m.AppointedOn <= yearEnd && (m.LeftOn == null || m.LeftOn >= yearEnd)))
            .Include(c => c.Meetings.Where(m => m.Date >= yearStart && m.Date <= yearEnd))
            .Include(c => c.WorkPlans.Where(w => w.Year == Year))
            .AsSplitQuery()
            .ToListAsync();
        var compensation = await db.Compensation.AsNoTracking().Where(c => c.Year == Year).ToListAsync();
        return IndicatorEngine.Compute(new IndicatorInput(Year, municipalities, councils, compensation),
            scope.ServiceProvider.GetRequiredService<Rulebook>(), Language.En);
    }

    /// <summary>The "38 × 10 years": every municipality, 2012 to 2021, in one run of queries.</summary>
    [Benchmark]
    public async Task<int> TenYearsCountedInTheDatabase()
    {
        await using var scope = _services.CreateAsyncScope();
        var years = await scope.ServiceProvider.GetRequiredService<IndicatorQuery>().ComputeYearsAsync(Year - 9, Year, Language.En);
        return years.Sum(year => year.Municipalities.Count);
    }

    /// <summary>The same ten years as the trends page serves them: computed once per version of the records, then read from the cache.</summary>
    [Benchmark]
    public async Task<int> TenYearsWarmFromTheCache()
    {
        await using var scope = _services.CreateAsyncScope();
        var years = await scope.ServiceProvider.GetRequiredService<IndicatorQuery>().CachedYearsAsync(Year - 9, Year, Language.En);
        return years.Sum(year => year.Municipalities.Count);
    }

    private static async Task<int> CountRowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync()) rows++;
        return rows;
    }
}
