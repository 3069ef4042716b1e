using System.Globalization;
using System.Security.Claims;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Publications;
using McscMonitor.Records;
using McscMonitor.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McscMonitor.Indicators;

internal static class IndicatorsApi
{
    public const int DefaultPageSize = 500;

    public static IEndpointRouteBuilder MapIndicatorsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/indicators").WithTags("Indicators");
        group.MapGet("/{year:int}", GetIndicators).WithName("GetIndicators")
            .Produces<IndicatorsDocument>(StatusCodes.Status200OK, "application/json")
            .WithSummary("Every municipality's indicators and gaps for a year (same JSON as the CLI). With ?page=, one page of " +
                         "municipalities (pageSize up to 500; X-Total-Count and a Link to the next page); ?units=synthetic measures the units of a generate run.");
        return routes;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> GetIndicators(
        int year, IndicatorQuery query, Publications.Publisher publisher, HttpContext http,
        string? lang, int? page, int? pageSize, string? units, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!YearBounds.Contains(year))
            return TypedResults.Problem($"Year {year} is outside {YearBounds.Range}.", statusCode: StatusCodes.Status400BadRequest);
        if (!Languages.TryParse(lang ?? "en", out var language))
            return TypedResults.Problem($"Unknown language '{lang}'; use sq, sr-Latn, sr-Cyrl or en.", statusCode: StatusCodes.Status400BadRequest);
        if (page is < 1 or > RecordQuery.LastPage || pageSize is < 1 or > RecordQuery.MaxPageSize)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["page"] = [Messages.Format("pageOutOfRange", ("last", RecordQuery.LastPage), ("size", RecordQuery.MaxPageSize))],
            });
        var scope = units switch
        {
            null or "kosovo" => (UnitScope?)UnitScope.Kosovo,
            "synthetic" => UnitScope.Synthetic,
            _ => null,
        };
        if (scope is null)
            return TypedResults.Problem($"Unknown units '{units}'; use kosovo or synthetic.", statusCode: StatusCodes.Status400BadRequest);

        // The public and viewers get the published snapshot, never live figures (and synthetic units are never published).
        if (!Users.RecordAccess.SeesLiveFigures(user))
        {
            var published = scope == UnitScope.Kosovo ? await publisher.FileAsync(year, null, language.Tag(), PublicationFiles.IndicatorsJson, cancellationToken) : null;
            return published is null
                ? TypedResults.Problem(FactSheet.FactSheetTexts.For(language).Format("notYetPublished", ("year", year)), statusCode: StatusCodes.Status404NotFound)
                : TypedResults.Content(System.Text.Encoding.UTF8.GetString(published.Content), "application/json; charset=utf-8");
        }
        var computed = await query.CachedAsync(year, language, scope.Value, cancellationToken);
        if (page is { } number)
        {
            // The page is cut from the computed year before anything is made of it: 500 of 42,000 units, not all of them each time.
            var size = pageSize ?? DefaultPageSize;
            var total = computed.Municipalities.Count;
            computed = computed with { Municipalities = computed.Municipalities.Skip((number - 1) * size).Take(size).ToList() };
            http.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
            if ((long)number * size < total)
                http.Response.Headers.Link = $"<{http.Request.Path}?page={number + 1}&pageSize={size}"
                    + (lang is null ? "" : $"&lang={Uri.EscapeDataString(lang)}") + (units is null ? "" : $"&units={units}") + ">; rel=\"next\"";
        }
        var document = IndicatorsDocument.From(query.ForReader(computed, user), await query.IsIllustrativeAsync(cancellationToken));
        // Serialized with the CLI's own options so that both outputs are byte-for-byte the same shape.
        return TypedResults.Content(document.ToJson(), "application/json; charset=utf-8");
    }
}
