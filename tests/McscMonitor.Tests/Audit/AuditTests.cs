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

    private static int Count(AuditEntry entry, string field) =>
        JsonDocument.Parse(entry.Changes).RootElement.GetProperty(field).GetProperty("new").GetInt32();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnImportIsAuditedOnceWithItsChecksumCountsAndTheRowsItCreatedInAChangeSet(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        await database.RunAsync("import", ExampleFolder);

        var import = Assert.Single(await AuditOf(database));
        Assert.Equal(("import", "Import"), (import.Action, import.Entity));
        Assert.StartsWith("cli:", import.Actor);
        Assert.Matches("^[0-9a-f]{64}$", import.EntityKey);
        using var changes = JsonDocument.Parse(import.Changes);
        Assert.Equal("import", changes.RootElement.GetProperty("Name").GetProperty("new").GetString());
        Assert.Equal(import.EntityKey, changes.RootElement.GetProperty("Sha256").GetProperty("new").GetString());
        Assert.Equal(5 + 13 + 16 + 4 + 4, Count(import, "Added"));

        await using var services = await database.OpenServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var changeSet = await scope.ServiceProvider.GetRequiredService<McscDbContext>().AuditChangeSets.SingleAsync();
        Assert.Equal(import.Id, changeSet.AuditEntryId);
        var lines = changeSet.ReadLines().Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(5 + 13 + 16 + 4 + 4, lines.Count);
        var council = lines.First(line => line.GetProperty("entity").GetString() == "Council");
        Assert.Equal("peje", council.GetProperty("changes").GetProperty("MunicipalityCode").GetProperty("new").GetString());
        Assert.Equal("peje", council.GetProperty("key").GetString());
        // Personal data never goes into the change set, so erasing a member never has to reach into it.
        Assert.All(lines.Where(line => line.GetProperty("entity").GetString() == "Member"), member =>
            Assert.Equal(AuditTrail.Hidden, member.GetProperty("changes").GetProperty("Gender").GetProperty("new").GetString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ImportingTheSameFilesTwiceChangesNothingAuditsNoRowAndReportsTheCounts(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.RunAsync("import", ExampleFolder);
        var before = (await AuditOf(database)).Count;

        var again = await database.RunAsync("import", ExampleFolder);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("meetings: 0 added, 0 updated, 16 unchanged", again.Output);
        Assert.Contains("members: 0 added, 0 updated, 13 unchanged", again.Output);
        var import = Assert.Single((await AuditOf(database)).Skip(before));
        Assert.Equal("import", import.Action);
        Assert.Equal((0, 0, 42), (Count(import, "Added"), Count(import, "Updated"), Count(import, "Unchanged")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ARowAnImportChangesIsAuditedWithItsOldAndNewValue(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.RunAsync("import", ExampleFolder);
        var before = (await AuditOf(database)).Count;
        using var folder = new TempFolder();
        folder.Write("compensation.csv", "municipality,year,status,amount_per_meeting_eur\nGracanica,2021,paid,20.50\n");

        await database.RunAsync("import", folder.Path);

        var audit = (await AuditOf(database)).Skip(before).ToList();
        Assert.Equal(["update", "import"], audit.Select(entry => entry.Action));
        var update = audit[0];
        Assert.Equal("Compensation", update.Entity);
        using var changes = JsonDocument.Parse(update.Changes);
        var status = changes.RootElement.GetProperty("Status");
        Assert.Equal("partial", status.GetProperty("old").GetString());
        Assert.Equal("paid", status.GetProperty("new").GetString());
        Assert.False(changes.RootElement.TryGetProperty("AmountPerMeetingEur", out _));
        Assert.Equal(1, Count(audit[1], "Updated"));
        Assert.Equal("gracanice", audit[1].MunicipalityCode);
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
