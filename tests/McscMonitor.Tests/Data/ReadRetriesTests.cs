using System.Data.Common;
using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace McscMonitor.Tests;

public class ReadRetriesTests
{
    [Fact]
    public async Task AReadThatMeetsADroppedConnectionIsTriedAgainWithinTheRequest()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres, Seed.Demo);
        var drops = new DroppedConnections(times: 2);
        await using var services = await OpenWithAsync(database, drops);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();

        var municipalities = await db.Municipalities.CountAsync(TestContext.Current.CancellationToken);

        Assert.Equal(38, municipalities);
        Assert.Equal(3, drops.Attempts);
    }

    [Fact]
    public async Task AStatementInsideAWritesTransactionIsNotRepeatedAndTheWriteIsNotSaved()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres, Seed.Demo);
        await using var services = await database.OpenServicesAsync();
        var drops = new DroppedConnections(times: 1);
        await using var failing = await OpenWithAsync(database, drops);
        await using var scope = failing.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        var cancellationToken = TestContext.Current.CancellationToken;
        var peje = await db.Councils.SingleAsync(c => c.MunicipalityCode == "peje", cancellationToken);
        drops.Attempts = 0;
        drops.Remaining = 1;

        db.Meetings.Add(new Core.Domain.Meeting { CouncilId = peje.Id, Date = new DateOnly(2021, 12, 30), Status = Core.Domain.MeetingStatus.Cancelled });
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync(cancellationToken));

        Assert.IsType<NpgsqlException>(failure is DbUpdateException { InnerException: { } inner } ? inner : failure);
        Assert.Equal(1, drops.Attempts);
        await using var checkScope = services.CreateAsyncScope();
        Assert.False(await checkScope.ServiceProvider.GetRequiredService<McscDbContext>().Meetings
            .AnyAsync(m => m.Date == new DateOnly(2021, 12, 30), cancellationToken));
    }

    [Fact]
    public async Task AYearsIndicatorsWhoseReadsMeetADroppedConnectionHalfwayAreReadAgainAsAWhole()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres, Seed.Demo);
        var drops = new DroppedConnections(times: 0);
        await using var services = await OpenWithAsync(database, drops);
        await using var scope = services.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<Indicators.IndicatorQuery>();
        var cancellationToken = TestContext.Current.CancellationToken;
        var unbroken = Indicators.IndicatorsDocument.From(await query.ComputeAsync(2021, Core.Domain.Language.En, cancellationToken), illustrative: false).ToJson();
        var statements = drops.Attempts;
        drops.Attempts = 0;
        drops.PassFirst = 2;
        drops.Remaining = 1;

        var broken = Indicators.IndicatorsDocument.From(await query.ComputeAsync(2021, Core.Domain.Language.En, cancellationToken), illustrative: false).ToJson();

        Assert.Equal(unbroken, broken);
        Assert.Equal(2 + 1 + statements, drops.Attempts);
    }

    private static async Task<ServiceProvider> OpenWithAsync(TestDatabase database, DroppedConnections drops)
    {
        await using (await database.OpenServicesAsync()) { }
        var services = new ServiceCollection().AddMcsc(AppServices.BuildConfiguration(database.Settings));
        services.ConfigureDbContext<PostgresMcscDbContext>(options => options.AddInterceptors(drops));
        return services.BuildServiceProvider();
    }

    /// <summary>Fails the next statements as a connection lost on the way would, which Npgsql counts as transient.</summary>
    private sealed class DroppedConnections(int times) : DbCommandInterceptor
    {
        public int Remaining { get; set; } = times;

        public int Attempts { get; set; }

        /// <summary>How many statements go through before the first is failed.</summary>
        public int PassFirst { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Attempts++;
            if (Attempts > PassFirst && Remaining-- > 0) throw new NpgsqlException("The connection was lost.", new IOException("reset by peer"));
            return ValueTask.FromResult(result);
        }
    }
}
