using McscMonitor.Core.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McscMonitor.Indicators;

internal static class IndicatorsPageEndpoint
{
    public static IEndpointRouteBuilder MapIndicatorsPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", ShowAsync).WithName("IndicatorsPage").ExcludeFromDescription();
        return routes;
    }

    private static async Task<RazorComponentResult<IndicatorsView>> ShowAsync(
        IndicatorQuery query, int? year, CancellationToken cancellationToken)
    {
        var years = await query.YearsWithDataAsync(cancellationToken);
        var shownYear = year ?? (years.Count > 0 ? years[0] : DateTime.Today.Year - 1);
        var indicators = await query.ComputeAsync(shownYear, Language.En, cancellationToken);
        var document = IndicatorsDocument.From(indicators, await query.IsIllustrativeAsync(cancellationToken));
        return new RazorComponentResult<IndicatorsView>(new { Document = document, Years = years });
    }
}
