using System.Security.Claims;
using McscMonitor.Core.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McscMonitor.Indicators;

internal static class IndicatorsApi
{
    public static IEndpointRouteBuilder MapIndicatorsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/indicators").WithTags("Indicators");
        group.MapGet("/{year:int}", GetIndicators).WithName("GetIndicators")
            .WithSummary("Every municipality's indicators and gaps for a year (same JSON as the CLI).");
        return routes;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetIndicators(
        int year, IndicatorQuery query, Publications.Publisher publisher, string? lang, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (year is < 2000 or > 2100)
            return TypedResults.Problem($"Year {year} is outside 2000–2100.", statusCode: StatusCodes.Status400BadRequest);
        if (!Languages.TryParse(lang ?? "en", out var language))
            return TypedResults.Problem($"Unknown language '{lang}'; use sq, sr-Latn, sr-Cyrl or en.", statusCode: StatusCodes.Status400BadRequest);

        // The public and viewers get the published snapshot, never live figures.
        if (!Users.RecordAccess.SeesLiveFigures(user))
        {
            var published = await publisher.FileAsync(year, null, language.Tag(), "indicators.json", cancellationToken);
            return published is null
                ? TypedResults.Problem(FactSheet.FactSheetTexts.For(language).Format("notYetPublished", ("year", year)), statusCode: StatusCodes.Status404NotFound)
                : TypedResults.Content(System.Text.Encoding.UTF8.GetString(published.Content), "application/json; charset=utf-8");
        }
        var indicators = await query.ComputeForAsync(year, language, user, cancellationToken);
        var document = IndicatorsDocument.From(indicators, await query.IsIllustrativeAsync(cancellationToken));
        // Serialized with the CLI's own options so that both outputs are byte-for-byte the same shape.
        return TypedResults.Content(document.ToJson(), "application/json; charset=utf-8");
    }
}
