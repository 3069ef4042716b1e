using System.Security.Claims;
using McscMonitor.FactSheet;
using McscMonitor.Trends.Pages;
using McscMonitor.Users;
using McscMonitor.Web;

namespace McscMonitor.Trends;

/// <summary>The trend page: the figures and each chart drawn from them, as SVG.</summary>
public sealed record TrendsModel(Trend Trend, IReadOnlyList<(string Figure, string Svg)> Charts);

/// <summary>
/// Trends: a page of charts, each with its data beside it, and the same numbers as JSON, CSV
/// and XLSX. Everyone sees the published figures (the latest version of each year); staff see
/// the live figures, labelled as such, and an officer their own municipality's.
/// </summary>
internal static class TrendEndpoints
{
    public static IEndpointRouteBuilder MapTrends(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/trends", async (string? region, string? municipality, TrendQuery trends, ClaimsPrincipal user, CancellationToken cancellationToken) =>
                await ComputeAsync(region, municipality, trends, user, cancellationToken) is { } trend
                    ? PageResult.For<TrendsView, TrendsModel>(new TrendsModel(trend, Charts(trend)))
                    : (IResult)TypedResults.NotFound())
            .ExcludeFromDescription();
        routes.MapGet("/api/v1/trends", async (string? region, string? municipality, string? format, TrendQuery trends, ClaimsPrincipal user,
                CancellationToken cancellationToken) =>
            {
                var trend = await ComputeAsync(region, municipality, trends, user, cancellationToken);
                if (trend is null) return (IResult)TypedResults.NotFound();
                var scope = region ?? municipality;
                var name = $"mcsc-trends{(trend.Published ? "" : "-live")}{(scope is null ? "" : $"-{scope}")}";
                return format switch
                {
                    "csv" => TypedResults.File(Indicators.IndicatorText.WithByteOrderMark(trend.ToCsv()), "text/csv; charset=utf-8", $"{name}.csv"),
                    "xlsx" => TypedResults.File(trend.ToXlsx(), Indicators.IndicatorText.XlsxContentType, $"{name}.xlsx"),
                    _ => TypedResults.Ok(trend),
                };
            })
            .WithTags("Indicators").WithName("Trends")
            .WithSummary("Every indicator over the years, for Kosovo, a region (region=CODE) or a municipality (municipality=CODE): the published figures (staff: the live ones); format=csv or xlsx.");
        return routes;
    }

    /// <summary>The public's and viewers' trends are the published figures; staff see the live ones, an officer only their own municipality's.</summary>
    private static async Task<Trend?> ComputeAsync(string? region, string? municipality, TrendQuery trends, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!RecordAccess.SeesLiveFigures(user)) return await trends.PublishedAsync(region, municipality, cancellationToken);
        if (RecordAccess.OnlyMunicipality(user) is { } own)
        {
            if (municipality is not null && municipality != own || region is not null) return null;
            municipality = own;
        }
        return await trends.ComputeAsync(region, municipality, cancellationToken);
    }

    /// <summary>Each figure over the years; a year without data is a bar marked "no data" (or "withheld"), the year in progress is labelled partial.</summary>
    private static List<(string Figure, string Svg)> Charts(Trend trend) =>
        Trend.Figures.Select(figure => (figure, FactSheetCharts.Svg(new ChartData(ChartKind.Trend, figure,
            trend.Years.Select(y => Trend.Value(y, figure) is { } value
                ? new ChartBar(Label(y), value)
                : new ChartBar(Label(y), null, Category: "nodata", Text: UiTexts.Current[Trend.Withheld(y, figure) ? "withheldShort" : "noData"])).ToList()))))
            .ToList();

    private static string Label(TrendYear year) =>
        year.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) + (year.Partial ? "*" : "");
}
