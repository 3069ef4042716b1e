using McscMonitor.Core.Domain;
using McscMonitor.Data;
using McscMonitor.Web;

namespace McscMonitor.Indicators;

/// <summary>
/// A year's indicators, computed once per version of that year's records, so that the pages of
/// a large data set (42,000 synthetic units) are slices of one computation, not one each, and
/// readers arriving while it runs wait for it rather than start their own. Likewise the years
/// that hold records, once per change anywhere. Read through <see cref="IndicatorQuery"/>, which
/// bypasses it inside a transaction (whose versions may not be committed yet).
/// </summary>
public sealed class ComputedYears(IServiceScopeFactory scopes) : IDisposable
{
    private readonly ComputeOnceCache<(int, Language, UnitScope, string), Core.Indicators.YearIndicators> _years = new(sizeLimit: 16);
    private readonly ComputeOnceCache<long, IReadOnlyList<int>> _yearsWithData = new(sizeLimit: 2);
    private readonly ComputeOnceCache<(int, int, Language, long), IReadOnlyList<Core.Indicators.YearIndicators>> _runs = new(sizeLimit: 4);

    public void Dispose()
    {
        _years.Dispose();
        _yearsWithData.Dispose();
        _runs.Dispose();
    }

    /// <summary>
    /// A run of Kosovo's years (the trends), computed once per version of all the records: the
    /// sum of the years' versions, which moves on with any change to any of them.
    /// </summary>
    public async Task<IReadOnlyList<Core.Indicators.YearIndicators>> RunAsync(
        McscDbContext db, int first, int last, Language language, CancellationToken cancellationToken)
    {
        var version = await YearVersions.OfAllAsync(db, cancellationToken);
        return await _runs.GetAsync((first, last, language, version), async () =>
        {
            await using var computing = scopes.CreateAsyncScope();
            return await computing.ServiceProvider.GetRequiredService<IndicatorQuery>().ComputeYearsAsync(first, last, language, cancellationToken: CancellationToken.None);
        }, cancellationToken);
    }

    public async Task<Core.Indicators.YearIndicators> GetAsync(McscDbContext db, int year, Language language, UnitScope scope, CancellationToken cancellationToken)
    {
        var version = await YearVersions.OfYearAsync(db, year, cancellationToken);
        return await _years.GetAsync((year, language, scope, version), async () =>
        {
            await using var computing = scopes.CreateAsyncScope();
            var query = computing.ServiceProvider.GetRequiredService<IndicatorQuery>();
            return (await query.ComputeYearsAsync(year, year, language, scope, CancellationToken.None))[0];
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<int>> YearsWithDataAsync(McscDbContext db, CancellationToken cancellationToken)
    {
        var version = await YearVersions.OfAllAsync(db, cancellationToken);
        return await _yearsWithData.GetAsync(version, async () =>
        {
            await using var computing = scopes.CreateAsyncScope();
            return await IndicatorQuery.ReadYearsWithDataAsync(computing.ServiceProvider.GetRequiredService<McscDbContext>(), CancellationToken.None);
        }, cancellationToken);
    }
}
