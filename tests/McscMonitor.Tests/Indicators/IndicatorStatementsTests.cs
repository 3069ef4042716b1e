using McscMonitor.Core.Domain;
using McscMonitor.Data;
using McscMonitor.Indicators;

namespace McscMonitor.Tests;

/// <summary>
/// What a year's indicators send: five statements, and a filter on councils only where synthetic
/// units share the database. The year's statements are compiled once with the scope as parameters;
/// these tests hold that a scope left null costs the counts nothing.
/// </summary>
public class IndicatorStatementsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AYearWithoutSyntheticUnitsIsFiveStatementsAndItsCountsFilterNoCouncil(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Seed.Demo);

        var sent = await StatementsOfAYearAsync(database, UnitScope.Kosovo);

        Assert.Equal(5, sent.Count);
        Assert.All(Counts(sent), sql => Assert.DoesNotMatch(CouncilFilter, sql));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WithSyntheticUnitsStoredKosovosCountsAreByItsCouncilsIdsAndTheSyntheticOnesByTheirUnits(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Seed.Demo);
        Assert.Equal(0, (await database.RunAsync("generate", "--units", "3", "--years", "2", "--seed", "1")).ExitCode);

        var kosovo = await StatementsOfAYearAsync(database, UnitScope.Kosovo);
        var synthetic = await StatementsOfAYearAsync(database, UnitScope.Synthetic);

        Assert.All(Counts(kosovo), sql => Assert.Matches(ByIds, sql));
        Assert.All(Counts(synthetic), sql => Assert.Contains("Synthetic", sql));
        Assert.All(Counts(synthetic), sql => Assert.DoesNotMatch(ByIds, sql));
    }

    /// <summary>A list of council ids: an array on PostgreSQL, a parameter each on SQLite.</summary>
    private const string ByIds = @"= ANY \(|IN \(@";

    private const string CouncilFilter = ByIds + "|EXISTS";

    /// <summary>The statements that count a kind of record: work plans, meetings and members.</summary>
    private static IEnumerable<string> Counts(IReadOnlyList<string> sent) =>
        sent.Where(sql => !sql.Contains("Approvals", StringComparison.Ordinal) && !sql.Contains("Compensation", StringComparison.Ordinal));

    private static async Task<IReadOnlyList<string>> StatementsOfAYearAsync(TestDatabase database, UnitScope scope)
    {
        await using var services = await database.OpenServicesAsync();
        await using var serviceScope = services.CreateAsyncScope();
        var query = serviceScope.ServiceProvider.GetRequiredService<IndicatorQuery>();
        var connection = database.Settings["ConnectionStrings:Mcsc"]!;
        using var counter = new StatementCounter(database.Settings["Database:Provider"] == TestDatabase.Postgres
            ? new Npgsql.NpgsqlConnectionStringBuilder(connection).Database!
            : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource);
        return await counter.RecordAsync(() => query.ComputeYearsAsync(2021, 2021, Language.En, scope, TestContext.Current.CancellationToken));
    }
}
