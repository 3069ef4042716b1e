using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using McscMonitor.Data;
using McscMonitor.Demo;
using McscMonitor.Export;
using McscMonitor.Indicators;
using McscMonitor.Synthetic;
using McscMonitor.Users;
using McscMonitor.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// A bounded load test on loopback: the app on a fresh database (SQLite unless --provider postgres) with the demo data,
// many clients for a fixed time, then a check that nothing failed and that the database
// holds exactly what it held plus the writes the clients made.
//   dotnet run -c Release --project bench/McscMonitor.Load -- [--clients 50] [--seconds 30]
// At scale: --synthetic 42000 [--years 10] first generates that many synthetic units (timed), measures
// their last year's indicators once, cold, against a hand-written aggregate, and adds the paged API to the mix.
// --provider postgres runs it all on a database of its own on the server MCSC_BENCH_POSTGRES names
// (loopback by default), dropped afterwards.
// --only TEXT keeps only the requests whose name holds TEXT, beside the /healthz baseline: --only POST --clients 10
// against --only POST --clients 1 is many writers into one year against one; --write-years 10 spreads the same
// writes over ten years, so that a year of their own is set against one shared year at the same machine load.
var clients = Option("--clients", 50);
var seconds = Option("--seconds", 30);
var syntheticUnits = Option("--synthetic", 0);
var syntheticYears = Option("--years", 10);
var writeYears = Option("--write-years", 1);
var postgres = args.SkipWhile(arg => arg != "--provider").Skip(1).FirstOrDefault() == "postgres";
var only = args.SkipWhile(arg => arg != "--only").Skip(1).FirstOrDefault();
var lastYear = DateTime.UtcNow.Year - 1;
var folder = Directory.CreateTempSubdirectory("mcsc-load-");
var admin = Environment.GetEnvironmentVariable("MCSC_BENCH_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=mcsc-ci;Database=postgres";
var databaseName = postgres ? $"mcsc_load_{Guid.NewGuid():N}" : Path.Combine(folder.FullName, "load.db");
if (postgres) await ExecuteAdminAsync(admin, $"CREATE DATABASE {databaseName}");
var settings = new Dictionary<string, string?>
{
    ["Database:Provider"] = postgres ? "Postgres" : "Sqlite",
    ["ConnectionStrings:Mcsc"] = postgres
        ? new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = databaseName }.ConnectionString
        : $"Data Source={databaseName}",
    // The load is the point here, not the per-token limit that protects a real server from one script.
    ["RateLimits:TokenRequestsPerMinute"] = "1000000",
    ["Logging:LogLevel:Default"] = "Warning",
};

try
{
    await using var app = WebApp.Build(["--urls=http://127.0.0.1:0"], settings);
    await app.Services.MigrateAsync();
    string token;
    List<string> writtenTo;
    await using (var scope = app.Services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<DemoLoader>().LoadAsync();
        // The public reads published sheets: publish the year the anonymous clients ask for.
        await scope.ServiceProvider.GetRequiredService<DemoLoader>().PublishAsync(years: [2021]);
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        await users.AddAsync("load", Roles.Monitor, null);
        token = await users.CreateTokenAsync("load", "load test");
        // Writes go round every council still sitting, so one year holds many of them on days of their own.
        writtenTo = await scope.ServiceProvider.GetRequiredService<McscDbContext>().Councils
            .Where(c => c.DissolvedOn == null).Select(c => c.MunicipalityCode).Distinct().OrderBy(code => code).ToListAsync();
    }
    if (syntheticUnits > 0) await MeasureScaleAsync(app.Services, syntheticUnits, syntheticYears, lastYear, postgres);
    await app.StartAsync();
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    var before = await SnapshotAsync(app.Services);

    // Like a browser, the clients accept gzip, so the fact sheet page goes out compressed.
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, AutomaticDecompression = DecompressionMethods.GZip })
    {
        BaseAddress = new Uri(address),
    };
    var writes = 0;
    var timings = new ConcurrentDictionary<string, ConcurrentBag<double>>();
    var failures = new ConcurrentBag<string>();
    // The baseline: the same trip through the server and its middleware, with no work behind it.
    const string Baseline = "GET /healthz (baseline)";
    (string Name, Func<Task<HttpResponseMessage>> Send)[] mix =
    [
        (Baseline, () => http.GetAsync("/healthz")),
        ("GET / (anonymous)", () => http.GetAsync("/?year=2021")),
        ("GET fact sheet page", () => http.GetAsync("/factsheet/2021/en")),
        ("GET fact sheet PDF", () => http.GetAsync("/factsheet/2021/sq.pdf")),
        ("GET chart SVG", () => http.GetAsync("/factsheet/2021/sr-Cyrl/charts/meetings.svg")),
        ("GET indicators API", () => http.GetAsync("/api/v1/indicators/2021")),
        ("GET meetings API (token)", () => Send(HttpMethod.Get, "/api/v1/meetings?municipality=peje&year=2021")),
        ("POST meeting (token)", () =>
        {
            // Each write a meeting on a day of its own, in years the demo leaves empty: cancelled, since a meeting
            // cannot be recorded as held before its day.
            var write = Interlocked.Increment(ref writes) - 1;
            var inYear = write / writeYears;
            var day = new DateOnly(2030 + write % writeYears, 1, 1).AddDays(inYear / writtenTo.Count);
            return Send(HttpMethod.Post, "/api/v1/meetings", new { municipality = writtenTo[inYear % writtenTo.Count], date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), status = "cancelled" });
        }),
    ];
    if (syntheticUnits > 0)
    {
        var pages = (syntheticUnits + 499) / 500;
        var pageNumber = 0;
        mix = [.. mix, ("GET synthetic page (token)", () => Send(HttpMethod.Get,
            string.Create(CultureInfo.InvariantCulture, $"/api/v1/indicators/{lastYear}?units=synthetic&pageSize=500&page={Interlocked.Increment(ref pageNumber) % pages + 1}")))];
    }

    if (only is not null) mix = [.. mix.Where(request => request.Name == Baseline || request.Name.Contains(only, StringComparison.Ordinal))];

    Task<HttpResponseMessage> Send(HttpMethod method, string url, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }

    // Statements per page, counted from EF Core's own events: the first request (cold) and the next (warm).
    using (var counter = new StatementCounter(databaseName))
    {
        Console.WriteLine($"{"statements per request",-56} {"cold",5} {"warm",5}");
        foreach (var url in new[] { "/municipalities/peje?year=2021", "/?year=2021", "/api/v1/meetings?municipality=peje&year=2021", "/api/v1/indicators/2021" })
        {
            var cold = await counter.RecordAsync(async () => (await Send(HttpMethod.Get, url)).EnsureSuccessStatusCode());
            var warm = await counter.RecordAsync(async () => (await Send(HttpMethod.Get, url)).EnsureSuccessStatusCode());
            Console.WriteLine($"{"GET " + url + " (token)",-56} {cold.Count,5} {warm.Count,5}");
        }
    }

    Console.WriteLine($"{clients} clients for {seconds} s against {address} (.NET {Environment.Version})");
    var stop = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
    {
        var random = new Random(client);
        while (stop.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            var (name, send) = mix[random.Next(mix.Length)];
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await send();
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode) failures.Add($"{name}: {(int)response.StatusCode}");
            }
            catch (Exception failed) when (failed is HttpRequestException or TaskCanceledException)
            {
                failures.Add($"{name}: {failed.GetType().Name} {failed.Message}");
            }
            timings.GetOrAdd(name, _ => []).Add(clock.Elapsed.TotalMilliseconds);
        }
    })));

    var after = await SnapshotAsync(app.Services);
    var total = timings.Values.Sum(bag => bag.Count);
    Console.WriteLine($"{total} requests in {stop.Elapsed.TotalSeconds:F0} s ({total / stop.Elapsed.TotalSeconds:F0}/s), {failures.Count} failed");
    static double Percentile(IEnumerable<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)(sorted.Count * share)];
    }
    var baselineP95 = Percentile(timings[Baseline], 0.95);
    Console.WriteLine($"{"request",-28} {"count",7} {"p50 ms",8} {"p95 ms",8} {"p95 ratio",10}");
    foreach (var (name, bag) in timings.OrderBy(pair => pair.Key, StringComparer.Ordinal))
    {
        var p95 = Percentile(bag, 0.95);
        Console.WriteLine($"{name,-28} {bag.Count,7} {Percentile(bag, 0.5),8:F1} {p95,8:F1} {p95 / baselineP95,9:F2}×");
    }
    foreach (var failure in failures.GroupBy(f => f).Take(10)) Console.WriteLine($"  failed {failure.Count()}×: {failure.Key}");

    var expected = before with { Meetings = before.Meetings + writes };
    var consistent = after == expected;
    Console.WriteLine(consistent
        ? $"Database: as before plus the {writes} meetings written."
        : $"Database differs: before {before}, after {after}, writes {writes}.");
    await app.StopAsync();
    return failures.IsEmpty && consistent ? 0 : 1;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    folder.Delete(recursive: true);
    if (postgres)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync(admin, $"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)");
    }
}

// The scale run: generate, then one year's indicators for every synthetic unit, cold, beside the
// floor a hand-written aggregate of the same year's meetings and members sets.
static async Task MeasureScaleAsync(IServiceProvider services, int units, int years, int year, bool postgres)
{
    await using var scope = services.CreateAsyncScope();
    var clock = Stopwatch.StartNew();
    var counts = await ActivatorUtilities.CreateInstance<SyntheticGenerator>(scope.ServiceProvider)
        .GenerateAsync(units, years, seed: 1, year, progress: null, CancellationToken.None);
    Console.WriteLine($"generate --units {units} --years {years}: {clock.Elapsed.TotalSeconds:F1} s; {counts}");

    var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
    clock.Restart();
    var hand = 0;
    await using (var command = db.Database.GetDbConnection().CreateCommand())
    {
        await db.Database.OpenConnectionAsync();
        var y = year.ToString(CultureInfo.InvariantCulture);
        command.CommandText = postgres
            ? $"""
              SELECT "CouncilId", COUNT(*), COUNT(*) FILTER (WHERE "Status" = 'held') FROM "Meetings" WHERE "Date" BETWEEN DATE '{y}-01-01' AND DATE '{y}-12-31' GROUP BY "CouncilId";
              SELECT "CouncilId", "Community", "Gender", COUNT(*) FROM "Members" WHERE "AppointedOn" <= DATE '{y}-12-31' AND ("LeftOn" IS NULL OR "LeftOn" >= DATE '{y}-12-31') GROUP BY "CouncilId", "Community", "Gender";
              """
            : $"""
              SELECT CouncilId, COUNT(*), SUM(Status = 'held') FROM Meetings WHERE Date BETWEEN '{y}-01-01' AND '{y}-12-31' GROUP BY CouncilId;
              SELECT CouncilId, Community, Gender, COUNT(*) FROM Members WHERE AppointedOn <= '{y}-12-31' AND (LeftOn IS NULL OR LeftOn >= '{y}-12-31') GROUP BY CouncilId, Community, Gender;
              """;
        await using var reader = await command.ExecuteReaderAsync();
        do while (await reader.ReadAsync()) hand++;
        while (await reader.NextResultAsync());
    }
    var handSeconds = clock.Elapsed.TotalSeconds;
    db.ChangeTracker.Clear();
    clock.Restart();
    // Through the app's cache, as the API computes it: the load below then reads pages of it.
    var computed = await scope.ServiceProvider.GetRequiredService<IndicatorQuery>()
        .CachedAsync(year, McscMonitor.Core.Domain.Language.En, UnitScope.Synthetic);
    var querySeconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"hand-written aggregate of {year} (meetings and members, {hand:N0} rows): {handSeconds * 1000:F0} ms");
    Console.WriteLine($"indicators {year}, {computed.Municipalities.Count:N0} units, cold: {querySeconds * 1000:F0} ms = {querySeconds / handSeconds:F2}× the hand-written aggregate");
}

static async Task ExecuteAdminAsync(string admin, string sql)
{
    await using var connection = new Npgsql.NpgsqlConnection(admin);
    await connection.OpenAsync();
    await using var command = new Npgsql.NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

static async Task<Snapshot> SnapshotAsync(IServiceProvider services)
{
    await using var scope = services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
    var tables = await scope.ServiceProvider.GetRequiredService<Exporter>().ExportAsync(2021, null);
    var records2021 = string.Join("\n", tables.SelectMany(t => t.Rows.Select(r => string.Join(",", r.Cells))));
    return new Snapshot(await db.Councils.CountAsync(), await db.Members.CountAsync(), await db.Meetings.CountAsync(),
        await db.WorkPlans.CountAsync(), await db.Compensation.CountAsync(), records2021.GetHashCode(StringComparison.Ordinal));
}

internal sealed record Snapshot(int Councils, int Members, int Meetings, int WorkPlans, int Compensation, int Records2021Hash);
