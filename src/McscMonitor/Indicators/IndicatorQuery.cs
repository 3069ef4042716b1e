using System.Security.Claims;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Indicators;
using McscMonitor.Core.Rules;
using McscMonitor.Data;
using McscMonitor.Users;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Indicators;

/// <summary>Counts one year's records in the database and measures them with the indicator engine.</summary>
public sealed class IndicatorQuery(McscDbContext db, Rulebook rulebook, DisclosureOptions disclosure, ComputedYears computed)
{
    /// <summary>The figures as this reader may see them: exact for admins and monitors, small counts of a special category withheld for everyone else.</summary>
    public async Task<YearIndicators> ComputeForAsync(int year, Language language, ClaimsPrincipal reader, CancellationToken cancellationToken = default)
    {
        var indicators = await CachedAsync(year, language, UnitScope.Kosovo, cancellationToken);
        return ForReader(indicators, reader);
    }

    /// <summary>
    /// The year as computed once per version of its records (<see cref="ComputedYears"/>); inside a
    /// transaction, whose changes may not be committed, computed afresh.
    /// </summary>
    public async Task<YearIndicators> CachedAsync(int year, Language language, UnitScope scope, CancellationToken cancellationToken = default) =>
        db.Database.CurrentTransaction is null
            ? await computed.GetAsync(db, year, language, scope, cancellationToken)
            : (await ComputeYearsAsync(year, year, language, scope, cancellationToken))[0];

    /// <summary>Kosovo's years from <paramref name="first"/> to <paramref name="last"/>, computed once per version of the records; inside a transaction, afresh.</summary>
    public async Task<IReadOnlyList<YearIndicators>> CachedYearsAsync(int first, int last, Language language, CancellationToken cancellationToken = default) =>
        db.Database.CurrentTransaction is null
            ? await computed.RunAsync(db, first, last, language, cancellationToken)
            : await ComputeYearsAsync(first, last, language, cancellationToken: cancellationToken);

    /// <summary>Computed figures as this reader may see them.</summary>
    public YearIndicators ForReader(YearIndicators indicators, ClaimsPrincipal reader) =>
        reader.IsInRole(Roles.Admin) || reader.IsInRole(Roles.Monitor) ? indicators : ForPublication(indicators);

    /// <summary>What a published output may show: fact sheets, the public API, the overview for anyone not monitoring.</summary>
    /// <param name="withheldBefore">Municipalities whose community figures an earlier published version of the year withheld: they stay withheld.</param>
    public YearIndicators ForPublication(YearIndicators indicators, IReadOnlySet<string>? withheldBefore = null) =>
        Disclosure.Protect(indicators, disclosure.MinimumCount, withheldBefore);

    public async Task<YearIndicators> ComputeAsync(int year, Language language, CancellationToken cancellationToken = default) =>
        (await ComputeYearsAsync(year, year, language, cancellationToken: cancellationToken))[0];

    /// <summary>
    /// Every year from <paramref name="first"/> to <paramref name="last"/>, with one set of queries
    /// for the whole run, on one connection (not one taken from the pool and returned per statement).
    /// </summary>
    /// <remarks>
    /// The run's reads are retried as one (on PostgreSQL, <see cref="Data.ReadRetries"/>): a transient
    /// failure between two of them repeats them all, and inside the run EF reads each result as it
    /// streams instead of copying it into a buffer first in case that one statement is repeated.
    /// </remarks>
    /// <param name="scope">Kosovo's municipalities, or the units a <c>generate</c> run made up.</param>
    public Task<IReadOnlyList<YearIndicators>> ComputeYearsAsync(
        int first, int last, Language language, UnitScope scope = UnitScope.Kosovo, CancellationToken cancellationToken = default) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(
            attempt => db.Database.WithOpenConnectionAsync(_ => ComputeYearsOnOpenConnectionAsync(first, last, language, scope, attempt), attempt),
            cancellationToken);

    /// <summary>
    /// The units, each with every council that exists at some point of the run (the engine keeps, each year, those
    /// established in it) and the run's compensation, and whether synthetic units share the database: one statement,
    /// a row per council and compensation year of a unit (a few per unit), where each was a round trip of its own.
    /// </summary>
    /// <remarks>Compiled once, as the year's other statements are (<see cref="CouncilYearQuery"/>).</remarks>
    private static readonly CompiledPerModel<Func<McscDbContext, bool, DateOnly, DateOnly, int, int, IAsyncEnumerable<UnitRow>>> UnitsOf = new(() => EF.CompileAsyncQuery(
        (McscDbContext db, bool synthetic, DateOnly rangeStart, DateOnly rangeEnd, int first, int last) => db.Municipalities.AsNoTracking()
            .Where(unit => unit.Synthetic == synthetic)
            .SelectMany(unit => db.Councils
                    .Where(c => c.MunicipalityCode == unit.Code && c.EstablishedOn <= rangeEnd && (c.DissolvedOn == null || c.DissolvedOn >= rangeStart))
                    .DefaultIfEmpty(),
                (unit, council) => new { unit, council })
            .SelectMany(row => db.Compensation.Where(c => c.MunicipalityCode == row.unit.Code && c.Year >= first && c.Year <= last).DefaultIfEmpty(),
                (row, paid) => new UnitRow(row.unit, row.council, paid, db.Municipalities.Any(m => m.Synthetic)))));

    private sealed record UnitRow(Municipality Unit, Council? Council, Compensation? Compensation, bool SyntheticUnitsStored);

    private async Task<IReadOnlyList<YearIndicators>> ComputeYearsOnOpenConnectionAsync(
        int first, int last, Language language, UnitScope scope, CancellationToken cancellationToken)
    {
        var rangeStart = new DateOnly(first, 1, 1);
        var rangeEnd = new DateOnly(last, 12, 31);
        var synthetic = scope == UnitScope.Synthetic;
        var rows = await UnitsOf.For(db)(db, synthetic, rangeStart, rangeEnd, first, last).ToListAsync(cancellationToken);
        var municipalities = rows.DistinctBy(row => row.Unit.Code).Select(row => row.Unit).ToList();
        var councils = rows.Select(row => row.Council).OfType<Council>().DistinctBy(council => council.Id).ToList();
        var compensation = rows.Select(row => row.Compensation).OfType<Compensation>().DistinctBy(paid => paid.Id).ToList();
        // Kosovo's councils are counted by their ids only when synthetic units share the database: a filter on every
        // meeting of the year costs the count between a sixth and a quarter of its server time on PostgreSQL.
        var onlyUnits = synthetic ? new CouncilScope(null, OfSyntheticUnits: true)
            : rows.Count == 0 || rows[0].SyntheticUnitsStored ? new CouncilScope([.. councils.Select(c => c.Id)], null)
            : CouncilScope.Every;
        var counted = await CouncilYearQuery.CountAsync(db, first, last, onlyUnits, cancellationToken);
        var complete = await Approvals.ApprovalWorkflow.DeclaredCompleteAsync(db, first, last, cancellationToken);
        return Enumerable.Range(first, last - first + 1).Select(year => IndicatorEngine.Compute(
            new IndicatorFacts(year, municipalities, councils,
                councils.ToDictionary(council => council, council => counted.GetValueOrDefault((year, council.Id)) ?? CouncilYear.Empty),
                compensation.Where(c => c.Year == year).ToList()),
            rulebook, language, complete[year].ToHashSet())).ToList();
    }

    /// <summary>
    /// One municipality's figures for a run of years, from its own records already loaded (the
    /// municipality page): the engine measures it as it measures every municipality in
    /// <see cref="ComputeAsync"/>, without loading the other 37.
    /// </summary>
    /// <param name="council">The council with its members and at least these years' meetings and work plans, or null.</param>
    /// <param name="declaredComplete">The years whose data the municipality has declared complete.</param>
    public IReadOnlyList<MunicipalityIndicators> History(
        Municipality municipality, Council? council, IReadOnlyList<Compensation> compensation, IReadOnlySet<int> declaredComplete,
        IEnumerable<int> years, Language language) =>
        years.Select(year => IndicatorEngine.Compute(
                new IndicatorInput(year, [municipality], council is null ? [] : [council], compensation), rulebook, language,
                declaredComplete.Contains(year) ? new HashSet<string> { municipality.Code } : null)
            .Municipalities[0]).ToList();

    public Task<bool> IsIllustrativeAsync(CancellationToken cancellationToken = default) =>
        db.DatasetLabels.AnyAsync(label => label.Code == DatasetLabel.Illustrative, cancellationToken);

    /// <summary>
    /// Why a year cannot be shown (it has no records: its figures would be invented zeros),
    /// naming the years that can; null when it has records.
    /// </summary>
    /// <remarks>A command asks once: whether the year has a record is one statement, and the years that do are read only when it has none.</remarks>
    public async Task<string?> WithoutRecordsAsync(int year, CancellationToken cancellationToken = default)
    {
        if (await HasRecordsAsync(year, cancellationToken)) return null;
        var years = await YearsWithDataAsync(cancellationToken);
        return years.Contains(year) ? null : $"There are no records for {year}, so there are no figures for it. " +
            (years.Count == 0 ? "The database holds no records yet." : $"Years with records: {string.Join(", ", years.Order())}.");
    }

    /// <summary>Whether the year holds a record that <see cref="ReadYearsWithDataAsync"/> counts: a meeting, a work plan or a compensation row.</summary>
    private async Task<bool> HasRecordsAsync(int year, CancellationToken cancellationToken)
    {
        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new DateOnly(year, 12, 31);
        return await db.Meetings.AnyAsync(m => m.Date >= yearStart && m.Date <= yearEnd, cancellationToken)
            || await db.WorkPlans.AnyAsync(w => w.Year == year, cancellationToken)
            || await db.Compensation.AnyAsync(c => c.Year == year, cancellationToken);
    }

    /// <summary>Years that hold any record, newest first, so pages can default to the latest; read once per change.</summary>
    public async Task<IReadOnlyList<int>> YearsWithDataAsync(CancellationToken cancellationToken = default) =>
        db.Database.CurrentTransaction is null
            ? await computed.YearsWithDataAsync(db, cancellationToken)
            : await ReadYearsWithDataAsync(db, cancellationToken);

    internal static async Task<IReadOnlyList<int>> ReadYearsWithDataAsync(McscDbContext db, CancellationToken cancellationToken)
    {
        var years = new SortedSet<int>();
        // Year to year along the date index, a seek each, where taking every meeting's year read millions of rows.
        var next = await db.Meetings.MinAsync(m => (DateOnly?)m.Date, cancellationToken);
        while (next is { } date)
        {
            years.Add(date.Year);
            var yearEnd = new DateOnly(date.Year, 12, 31);
            next = await db.Meetings.Where(m => m.Date > yearEnd).MinAsync(m => (DateOnly?)m.Date, cancellationToken);
        }
        years.UnionWith(await db.WorkPlans.Select(w => w.Year).Distinct().ToListAsync(cancellationToken));
        years.UnionWith(await db.Compensation.Select(c => c.Year).Distinct().ToListAsync(cancellationToken));
        return [.. years.Reverse()];
    }
}

/// <summary>Which units a query measures: Kosovo's 38 municipalities, or the synthetic units made up to measure the app at scale.</summary>
public enum UnitScope { Kosovo, Synthetic }

/// <summary>Counts below <see cref="MinimumCount"/> of non-majority members are withheld from public outputs (`Disclosure:MinimumCount`).</summary>
public sealed record DisclosureOptions(int MinimumCount = Disclosure.DefaultMinimumCount)
{
    public static DisclosureOptions From(IConfiguration configuration) =>
        new(configuration.GetValue("Disclosure:MinimumCount", Disclosure.DefaultMinimumCount));
}
