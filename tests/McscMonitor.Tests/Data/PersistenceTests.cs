using McscMonitor.Core.Domain;
using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Tests;

public class PersistenceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MigrationsSeedTheReferenceData(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = await database.OpenServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();

        Assert.Equal(38, await db.Municipalities.CountAsync());
        Assert.Equal(5, await db.Regions.CountAsync());
        Assert.Equal(11, await db.Communities.CountAsync());
        var gracanice = await db.Municipalities.SingleAsync(m => m.Code == "gracanice");
        Assert.Equal(Community.Serbian, gracanice.MajorityCommunity);
        Assert.Equal("Грачаница", gracanice.NameSrCyrl);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ConcurrentEditOfTheSameMeetingIsDetectedNotOverwritten(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.RunAsync("import", Path.Combine(AppContext.BaseDirectory, "examples", "import"));
        await using var services = await database.OpenServicesAsync();

        await using var first = services.CreateAsyncScope();
        await using var second = services.CreateAsyncScope();
        var firstDb = first.ServiceProvider.GetRequiredService<McscDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<McscDbContext>();
        var date = new DateOnly(2021, 3, 10);
        var firstCopy = await firstDb.Meetings.SingleAsync(m => m.Date == date);
        var secondCopy = await secondDb.Meetings.SingleAsync(m => m.Date == date);

        firstCopy.Attendees = 20;
        await firstDb.SaveChangesAsync();
        secondCopy.Attendees = 30;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());
        await using var check = services.CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<McscDbContext>().Meetings.AsNoTracking().SingleAsync(m => m.Date == date);
        Assert.Equal(20, stored.Attendees);
        Assert.Equal(firstCopy.Version, stored.Version);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DatabaseRejectsASecondCouncilForTheSameMunicipality(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = await database.OpenServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        db.Councils.Add(new Council { MunicipalityCode = "peje", EstablishedOn = new DateOnly(2013, 1, 1) });
        db.Councils.Add(new Council { MunicipalityCode = "peje", EstablishedOn = new DateOnly(2014, 1, 1) });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}

public class PostgresConnectionSettingsTests
{
    [Fact]
    public void AConnectionStringThatNamesNeitherSettingIsNotResetOnCloseAndPreparesItsStatements()
    {
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(McscMonitor.Data.DatabaseSetup.Tuned("Host=db;Database=mcsc;Username=mcsc"));

        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(100, tuned.MaxAutoPrepare);
        Assert.Equal("db", tuned.Host);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;noresetonclose=false;MAXAUTOPREPARE=0")]
    public void ASettingTheConnectionStringNamesIsKept(string connectionString)
    {
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(McscMonitor.Data.DatabaseSetup.Tuned(connectionString));

        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(0, tuned.MaxAutoPrepare);
    }
}
