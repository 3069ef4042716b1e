using McscMonitor.Core.Domain;
using McscMonitor.Data;

namespace McscMonitor.Tests;

public class YearVersionsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnImportMovesOnOnlyTheYearsItsRowsCountIn(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Seed.Demo);
        var before = await VersionsAsync(database, 2020, 2021, YearVersions.LastWrittenYear + 3);
        using var folder = new TempFolder();
        folder.Write("meetings.csv", "municipality,date,status\nPejë,2020-02-20,held\n");

        var run = await database.RunAsync("import", folder.Path);
        var after = await VersionsAsync(database, 2020, 2021, YearVersions.LastWrittenYear + 3);

        Assert.Equal(0, run.ExitCode);
        Assert.NotEqual(before[0], after[0]);
        Assert.Equal(before[1], after[1]);
        Assert.Equal(before[2], after[2]);
    }

    [Fact]
    public async Task WritersIntoOneYearDoNotWaitForEachOtherAndEveryCommitMovesTheYearOnWhateverTheOrder()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await using var services = await database.OpenServicesAsync();
        // A writer that waited for the other's row lock would hang here until this runs out.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var cancellationToken = timeout.Token;
        await using var firstScope = services.CreateAsyncScope();
        await using var secondScope = services.CreateAsyncScope();
        await using var readerScope = services.CreateAsyncScope();
        var first = firstScope.ServiceProvider.GetRequiredService<McscDbContext>();
        var second = secondScope.ServiceProvider.GetRequiredService<McscDbContext>();
        var reader = readerScope.ServiceProvider.GetRequiredService<McscDbContext>();
        var year2021 = new TouchedYears();
        year2021.Add(new Meeting { Date = new DateOnly(2021, 3, 1) });

        var before = await YearVersions.OfYearAsync(reader, 2021, cancellationToken);
        await using var firstWrite = await first.Database.BeginTransactionAsync(cancellationToken);
        await YearVersions.BumpAsync(first, year2021, stripe: 1, cancellationToken);
        await using var secondWrite = await second.Database.BeginTransactionAsync(cancellationToken);
        await YearVersions.BumpAsync(second, year2021, stripe: 2, cancellationToken);
        var whileBothOpen = await YearVersions.OfYearAsync(reader, 2021, cancellationToken);
        // The later writer commits first: a key taken from the highest number drawn would not move again.
        await secondWrite.CommitAsync(cancellationToken);
        var afterSecond = await YearVersions.OfYearAsync(reader, 2021, cancellationToken);
        await firstWrite.CommitAsync(cancellationToken);
        var afterBoth = await YearVersions.OfYearAsync(reader, 2021, cancellationToken);

        Assert.Equal(before, whileBothOpen);
        Assert.Equal(3, new[] { before, afterSecond, afterBoth }.Distinct().Count());
    }

    [Fact]
    public void AMemberWhoNeverLeftCountsInEveryYearFromTheAppointmentOnAndAMovedMeetingInBothYears()
    {
        var member = new TouchedYears();
        member.Add(new Member { MemberRef = "A", AppointedOn = new DateOnly(2019, 5, 5) });
        var meeting = new TouchedYears();
        meeting.Add(new Meeting { Date = new DateOnly(2021, 3, 1) });
        meeting.Add(new Meeting { Date = new DateOnly(2023, 3, 1) });
        var typo = new TouchedYears();
        typo.Add(new Council { MunicipalityCode = "peje", EstablishedOn = new DateOnly(1, 1, 1) });

        Assert.True(member.OpenEnded);
        Assert.Equal(Enumerable.Range(2019, YearVersions.LastWrittenYear - 2019 + 1), member.Years);
        Assert.Equal([2021, 2023], meeting.Years);
        Assert.False(meeting.OpenEnded);
        Assert.True(typo.Every);
    }

    private static async Task<List<string>> VersionsAsync(TestDatabase database, params int[] years)
    {
        await using var services = await database.OpenServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        var versions = new List<string>();
        foreach (var year in years) versions.Add(await YearVersions.OfYearAsync(db, year, TestContext.Current.CancellationToken));
        return versions;
    }
}
