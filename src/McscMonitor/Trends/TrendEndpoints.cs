using System.Security.Claims;
using McscMonitor.FactSheet;
using McscMonitor.Trends.Pages;
using McscMonitor.Users;
using McscMonitor.Web;

namespace McscMonitor.Trends;

/// <summary>The trend page: the figures and each chart drawn from them, as SVG.</summary>
public sealed record TrendsModel(Trend Trend, IReadOnlyList<(string Figure, string Svg)> Charts);

/// <summary>
/// Trends of the live figures, for staff: a page of charts, each with its data beside it, and
/// the same numbers as JSON and CSV. An officer sees their own municipality's trend.
/// </summary>
internal static class TrendEndpoints
{
    public static IEndpointRouteBuilder MapTrends(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/trends", async (string? region, string? municipality, TrendQuery trends, ClaimsPrincipal user, CancellationToken cancellationToken) =>
                await ComputeAsync(region, municipality, trends, user, cancellationToken) is { } trend
                    ? PageResult.For<TrendsView, TrendsModel>(new TrendsModel(trend, Charts(trend)))
                    : (IResult)TypedResults.NotFound())
            .RequireAuthorization(RecordAccess.Policy).ExcludeFromDescription();
        routes.MapGet("/api/v1/trends", async (string? region, string? municipality, string? format, TrendQuery trends, ClaimsPrincipal user,
                CancellationToken cancellationToken) =>
            {
                var trend = await ComputeAsync(region, municipality, trends, user, cancellationToken);
                if (trend is null) return (IResult)TypedResults.NotFound();
                return format == "csv"
                    ? TypedResults.Text(trend.ToCsv(), "text/csv; charset=utf-8")
                    : TypedResults.Ok(trend);
            })
            .RequireAuthorization(RecordAccess.Policy).WithTags("Indicators").WithName("Trends")
            .WithSummary("Every indicator over every recorded year, for Kosovo, a region (region=CODE) or a municipality (municipality=CODE); format=csv for CSV.");
        return routes;
    }

    /// <summary>An officer's trends are their own municipality's; anything else is out of reach.</summary>
    private static async Task<Trend?> ComputeAsync(string? region, string? municipality, TrendQuery trends, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (RecordAccess.OnlyMunicipality(user) is { } own)
        {
            if (municipality is not null && municipality != own || region is not null) return null;
            municipality = own;
        }
        return await trends.ComputeAsync(region, municipality, cancellationToken);
    }

    /// <summary>Each figure over the years; a year without data is a bar marked "no data", the year in progress is labelled partial.</summary>
    private static List<(string Figure, string Svg)> Charts(Trend trend) =>
        Trend.Figures.Select(figure => (figure, FactSheetCharts.Svg(new ChartData($"trend-{figure}", figure,
            trend.Years.Select(y => Trend.Value(y, figure) is { } value
                ? new ChartBar(Label(y), value)
                : new ChartBar(Label(y), null, Category: "nodata", Text: UiTexts.Current["noData"])).ToList()))))
            .ToList();

    private static string Label(TrendYear year) =>
        year.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) + (year.Partial ? "*" : "");
}
