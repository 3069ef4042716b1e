using McscMonitor.Core.Domain;
using McscMonitor.Indicators;
using McscMonitor.Publications;

namespace McscMonitor.Web;

/// <summary>The years a staff page offers, and the one it shows when none is asked for.</summary>
public sealed record YearChoice(IReadOnlyList<int> Years, int Shown)
{
    public void Deconstruct(out IReadOnlyList<int> years, out int shown) => (years, shown) = (Years, Shown);
}

/// <summary>
/// One year navigation for every staff page (overview, approvals, publications, a
/// municipality's page): every year from the first with records to the year in progress, with
/// none skipped. Without a year asked for, staff land on the year under review: the latest
/// year that has ended, has records and is not yet published, or the latest published when
/// all are, not on the year in progress, which a single new record would otherwise make the
/// default for everyone.
/// </summary>
public sealed class StaffYears(IndicatorQuery query, Publisher publisher, TimeProvider clock)
{
    public async Task<YearChoice> ChooseAsync(int? asked, CancellationToken cancellationToken)
    {
        var thisYear = Today.Of(clock).Year;
        var withRecords = await query.YearsWithDataAsync(cancellationToken);
        var first = withRecords.Count > 0 ? Math.Min(withRecords.Min(), thisYear) : thisYear;
        var last = withRecords.Count > 0 ? Math.Max(withRecords.Max(), thisYear) : thisYear;
        var years = Enumerable.Range(first, last - first + 1).ToList();
        if (asked is >= YearBounds.First and <= YearBounds.Last)
            return new YearChoice(years.Contains(asked.Value) ? years : [.. years.Append(asked.Value).Order()], asked.Value);
        var published = (await publisher.PublishedYearsAsync(cancellationToken)).ToHashSet();
        var underReview = withRecords.Where(y => y < thisYear && !published.Contains(y)).DefaultIfEmpty().Max();
        var shown = underReview != 0 ? underReview : published.Count > 0 ? published.Max() : withRecords.Count > 0 ? withRecords.Max() : thisYear;
        return new YearChoice(years, shown);
    }
}
