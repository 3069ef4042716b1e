using System.Text.Json;
using McscMonitor.Audit;
using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Tests;

public class AuditTests
{
    private static readonly string ExampleFolder = Path.Combine(AppContext.BaseDirectory, "examples", "import");

    private static async Task<List<AuditEntry>> AuditOf(TestDatabase database)
    {
        await using var services = await database.OpenServicesAsync();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<McscDbContext>().AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ImportRecordsWhoCreatedEveryRecord(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        await database.RunAsync("import", ExampleFolder);

        var audit = await AuditOf(database);
        Assert.Equal(5 + 13 + 16 + 4 + 4, audit.Count);
        Assert.All(audit, entry => Assert.Equal("create", entry.Action));
        Assert.All(audit, entry => Assert.StartsWith("cli:", entry.Actor));
        var council = audit.First(entry => entry.Entity == "Council");
        using var changes = JsonDocument.Parse(council.Changes);
        Assert.Equal("peje", changes.RootElement.GetProperty("MunicipalityCode").GetProperty("new").GetString());
        Assert.NotEqual("0", council.EntityKey);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnUpdateRecordsTheOldAndNewValueAndAnUnchangedReimportRecordsNothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.RunAsync("import", ExampleFolder);
        var before = (await AuditOf(database)).Count;
        await database.RunAsync("import", ExampleFolder);
        using var folder = new TempFolder();
        folder.Write("compensation.csv", "municipality,year,status,amount_per_meeting_eur\nGracanica,2021,paid,20.50\n");

        await database.RunAsync("import", folder.Path);

        var audit = await AuditOf(database);
        var update = Assert.Single(audit.Skip(before));
        Assert.Equal(("update", "Compensation"), (update.Action, update.Entity));
        using var changes = JsonDocument.Parse(update.Changes);
        var status = changes.RootElement.GetProperty("Status");
        Assert.Equal("partial", status.GetProperty("old").GetString());
        Assert.Equal("paid", status.GetProperty("new").GetString());
        Assert.False(changes.RootElement.TryGetProperty("AmountPerMeetingEur", out _));
    }

    [Fact]
    public async Task AuditEntriesCannotBeChangedThroughTheApp()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await database.RunAsync("import", ExampleFolder);
        await using var services = await database.OpenServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        var entry = await db.AuditEntries.FirstAsync();

        db.AuditEntries.Remove(entry);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}
