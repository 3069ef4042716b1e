using System.Net;
using System.Text.Json;
using McscMonitor.Audit;
using McscMonitor.Core.Domain;
using McscMonitor.Data;
using McscMonitor.Users;
using McscMonitor.Web;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Tests;

public class SyntheticUnitsTests
{
    private static readonly int LastYear = DateTime.UtcNow.Year - 1;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GeneratedUnitsAreMarkedSyntheticAuditedOnceAndLeaveEveryKosovoFigureAsItWas(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Seed.Demo);
        var kosovoBefore = (await database.RunAsync("indicators", "--year", "2021", "--format", "json")).Output;
        var auditBefore = await CountAuditAsync(database);

        var run = await database.RunAsync("generate", "--units", "25", "--years", "3", "--seed", "5");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Generated 25 synthetic units", run.Output);
        Assert.Equal(kosovoBefore, (await database.RunAsync("indicators", "--year", "2021", "--format", "json")).Output);
        await using var services = await database.OpenServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        Assert.Equal(25, await db.Municipalities.CountAsync(m => m.Synthetic));
        Assert.Equal(38, await db.KosovoMunicipalities.CountAsync());
        Assert.True(await db.Meetings.CountAsync(m => m.Date.Year == LastYear) > 25);
        var generated = Assert.Single(await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).Skip(auditBefore).ToListAsync());
        Assert.Equal(("generate", "seed 5"), (generated.Action, generated.EntityKey));
        var described = Assert.Single(await AuditDescriptions.DescribeAsync([generated], db, UiTexts.For(Language.Sq), TestContext.Current.CancellationToken));
        Assert.Equal("Grup të dhënash sintetike (generate --units 25 --years 3 --seed 5)", described.Subject);
        Assert.Equal("gjeneruar (të dhëna sintetike)", described.Action);
    }

    [Fact]
    public async Task TheSameSeedWritesTheSameDataAndASecondRunIntoTheSameDatabaseIsRefused()
    {
        await using var first = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var second = await TestDatabase.CreateAsync(TestDatabase.Sqlite);

        await first.RunAsync("generate", "--units", "12", "--years", "2", "--seed", "9");
        await second.RunAsync("generate", "--units", "12", "--years", "2", "--seed", "9");
        var again = await first.RunAsync("generate", "--units", "12", "--years", "2", "--seed", "9");

        Assert.Equal(await MeetingsOf(first), await MeetingsOf(second));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already holds synthetic units", again.Error);
    }

    [Fact]
    public async Task OutOfRangeCountsAreRefusedWithTheirLimits()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);

        var run = await database.RunAsync("generate", "--units", "0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--units must be 1–100,000", run.Error);
    }

    [Fact]
    public async Task TheIndicatorsApiPagesTheSyntheticUnitsWithATotalAndALinkToTheNextPage()
    {
        await using var host = await ApiHost.StartAsync();
        Assert.Equal(0, (await CliRun.RunAsync(host.Settings, "generate", "--units", "25", "--years", "1", "--seed", "3")).ExitCode);
        var monitor = host.ClientFor(Roles.Monitor);

        var first = await monitor.GetAsync($"/api/v1/indicators/{LastYear}?units=synthetic&page=1&pageSize=10");
        var last = await monitor.GetAsync($"/api/v1/indicators/{LastYear}?units=synthetic&page=3&pageSize=10");
        var kosovo = JsonDocument.Parse(await monitor.GetStringAsync("/api/v1/indicators/2021"));

        Assert.Equal("25", first.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal($"</api/v1/indicators/{LastYear}?page=2&pageSize=10&units=synthetic>; rel=\"next\"", first.Headers.GetValues("Link").Single());
        Assert.False(last.Headers.Contains("Link"));
        Assert.Equal(10, Municipalities(await first.Content.ReadAsStringAsync()).Count);
        Assert.Equal(5, Municipalities(await last.Content.ReadAsStringAsync()).Count);
        Assert.All(Municipalities(await first.Content.ReadAsStringAsync()), code => Assert.StartsWith("synthetic-", code));
        Assert.Equal(38, kosovo.RootElement.GetProperty("municipalities").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await monitor.GetAsync($"/api/v1/indicators/{LastYear}?page=1&pageSize=501")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.ClientFor(null).GetAsync($"/api/v1/indicators/{LastYear}?units=synthetic&page=1")).StatusCode);
    }

    private static List<string> Municipalities(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("municipalities").EnumerateArray().Select(m => m.GetProperty("code").GetString()!).ToList();

    private static async Task<int> CountAuditAsync(TestDatabase database)
    {
        await using var services = await database.OpenServicesAsync();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<McscDbContext>().AuditEntries.CountAsync();
    }

    private static async Task<string> MeetingsOf(TestDatabase database)
    {
        await using var services = await database.OpenServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var meetings = await scope.ServiceProvider.GetRequiredService<McscDbContext>().Meetings.AsNoTracking()
            .OrderBy(m => m.CouncilId).ThenBy(m => m.Date).Select(m => new { m.CouncilId, m.Date, m.Status, m.Attendees }).ToListAsync();
        return string.Join(";", meetings);
    }
}
