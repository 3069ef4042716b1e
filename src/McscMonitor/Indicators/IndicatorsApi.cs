using System.Globalization;
using System.Security.Claims;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
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
        if (year is < 2000 or > 2100)
            return TypedResults.Problem($"Year {year} is outside 2000–2100.", statusCode: StatusCodes.Status400BadRequest);
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
            var published = scope == UnitScope.Kosovo ? await publisher.FileAsync(year, null, language.Tag(), "indicators.json", cancellationToken) : null;
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
