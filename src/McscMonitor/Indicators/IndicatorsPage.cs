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
        IndicatorQuery query, int? year, string? region, string? sort, HttpContext context, CancellationToken cancellationToken)
    {
        var years = await query.YearsWithDataAsync(cancellationToken);
        var shownYear = year is >= 2001 and <= 2100 ? year.Value : years.Count > 0 ? years[0] : DateTime.Today.Year - 1;
        var indicators = await query.ComputeAsync(shownYear, Language.En, cancellationToken);
        var document = IndicatorsDocument.From(indicators, await query.IsIllustrativeAsync(cancellationToken));
        var rows = document.Municipalities.Where(m => string.IsNullOrEmpty(region) || m.Region == region);
        rows = sort switch
        {
            "meetings" => rows.OrderByDescending(m => m.MeetingsHeld).ThenBy(m => m.NameEn),
            "gaps" => rows.OrderByDescending(m => m.Gaps.Count).ThenBy(m => m.NameEn),
            "region" => rows.OrderBy(m => m.Region).ThenBy(m => m.NameEn),
            _ => rows.OrderBy(m => m.NameEn, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sq"), ignoreCase: true)),
        };
        return new RazorComponentResult<IndicatorsView>(new
        {
            Document = document,
            Years = years,
            Rows = rows.ToList(),
            Region = region,
            Sort = sort ?? "name",
            UserName = context.User.Identity?.Name,
        });
    }
}
