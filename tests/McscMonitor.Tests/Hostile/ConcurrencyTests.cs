using System.Net;
using System.Net.Http.Json;
using McscMonitor.Data;
using McscMonitor.Demo;
using McscMonitor.Import;
using McscMonitor.Users;
using McscMonitor.Web;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace McscMonitor.Tests.Hostile;

public class ConcurrencyTests
{
    private static readonly byte[] OneMeeting = CraftedFiles.Utf8("municipality,date,status\npeje,2021-12-20,held\n");

    [Fact]
    public async Task ASecondImportWhileOneRunsIsToldSoAndTheFirstIsUnharmed()
    {
        await using var host = await ApiHost.StartAsync();
        var client = host.ClientFor(Roles.Monitor);
        var gate = host.Services.GetRequiredService<ImportGate>();

        HttpResponseMessage whileRunning;
        using (var running = await gate.TryEnterAsync(CancellationToken.None))
        {
            Assert.NotNull(running);
            whileRunning = await client.PostAsync("/api/v1/imports", CraftedFiles.Upload("meetings.csv", OneMeeting));
        }
        var afterwards = await client.PostAsync("/api/v1/imports", CraftedFiles.Upload("meetings.csv", OneMeeting));

        Assert.Equal(HttpStatusCode.Conflict, whileRunning.StatusCode);
        Assert.Contains("another import is running", await whileRunning.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task OnPostgresAnImportFromAnotherProcessIsToldThatOneIsRunning()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await database.RunAsync("import", Path.Combine(AppContext.BaseDirectory, "examples", "import"));
        using var folder = new TempFolder();
        folder.Write("meetings.csv", "municipality,date,status\npeje,2021-12-20,held\n");

        // Another instance, mid-import: it holds the import lock in its transaction.
        await using var other = new NpgsqlConnection(database.Settings["ConnectionStrings:Mcsc"]);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({ImportGate.AdvisoryLockKey})", other, transaction))
            await take.ExecuteNonQueryAsync();
        var whileHeld = await database.RunAsync("import", Path.Combine(folder.Path, "meetings.csv"));
        await transaction.RollbackAsync();
        var afterwards = await database.RunAsync("import", Path.Combine(folder.Path, "meetings.csv"));

        Assert.Equal(1, whileHeld.ExitCode);
        Assert.Contains("another import is running", whileHeld.Error);
        Assert.Equal(0, afterwards.ExitCode);
    }

    [Fact]
    public async Task OnSqliteAWriteWaitsForALongImportInsteadOfFailing()
    {
        await using var host = await ApiHost.StartAsync();
        var connectionString = host.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:Mcsc"];
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var mode = await scope.ServiceProvider.GetRequiredService<McscDbContext>().Database
                .SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();
            Assert.Equal("wal", mode.Single());
        }

        // A long write elsewhere: holds the database's write lock for two seconds.
        await using var writer = new SqliteConnection(connectionString);
        await writer.OpenAsync();
        await using (var begin = new SqliteCommand("BEGIN IMMEDIATE", writer)) await begin.ExecuteNonQueryAsync();
        var release = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            await using var commit = new SqliteCommand("COMMIT", writer);
            await commit.ExecuteNonQueryAsync();
        });
        var read = await host.ClientFor(Roles.Admin).GetAsync("/api/v1/meetings?municipality=peje");
        var write = await host.ClientFor(Roles.Admin).PostAsJsonAsync("/api/v1/meetings", new { municipality = "peje", date = "2021-12-21", status = "held" });
        await release;

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
    }

    [Fact]
    public async Task TwoInstancesStartingTogetherOnANewDatabaseBothStartAndLoadTheDemoOnce()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);

        async Task<(bool Loaded, string? Password)> StartAsync()
        {
            await using var services = await database.OpenServicesAsync();
            await using var scope = services.CreateAsyncScope();
            var loaded = await scope.ServiceProvider.GetRequiredService<DemoLoader>().LoadIfEmptyAsync();
            var password = await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateFirstAdminAsync();
            return (loaded, password);
        }

        var both = await Task.WhenAll(StartAsync(), StartAsync());

        Assert.Single(both, start => start.Password is not null);
        Assert.Contains(both, start => start.Loaded);
        var indicators = await database.RunAsync("indicators", "--year", "2021", "--municipality", "peje");
        Assert.Equal(0, indicators.ExitCode);
        var users = await database.RunAsync("users", "list");
        Assert.Single(users.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task WhenPostgresCannotBeReachedTheAnswerIs503NotAStackTrace()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Mcsc"] = "Host=127.0.0.1;Port=1;Username=x;Password=y;Database=z;Timeout=2",
        };
        await using var app = WebApp.Build([], settings, builder => builder.WebHost.UseTestServer());
        await app.StartAsync();

        var response = await app.GetTestClient().GetAsync("/api/v1/indicators/2021");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("cannot be reached", body);
        Assert.DoesNotContain("   at ", body);
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
