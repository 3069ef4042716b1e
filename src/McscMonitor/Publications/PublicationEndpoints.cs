using McscMonitor.Core.Domain;
using McscMonitor.Indicators;
using McscMonitor.Publications.Pages;
using McscMonitor.Users;
using McscMonitor.Web;

namespace McscMonitor.Publications;

/// <summary>A year's published versions, what changed since the latest, and the form that publishes the next (monitors and admins).</summary>
internal static class PublicationEndpoints
{
    public static IEndpointRouteBuilder MapPublications(this IEndpointRouteBuilder routes)
    {
        var pages = routes.MapGroup("/publications").RequireAuthorization(policy => policy.RequireRole(Roles.Admin, Roles.Monitor)).ExcludeFromDescription();
        pages.MapGet("/", async (int? year, Publisher publisher, IndicatorQuery query, CancellationToken cancellationToken) =>
            await PageAsync(year, publisher, query, null, null, cancellationToken));
        pages.MapPost("/{year:int}", async (int year, IFormCollection posted, Publisher publisher, IndicatorQuery query, CancellationToken cancellationToken) =>
        {
            var note = posted["Note"].FirstOrDefault();
            var reason = posted["UnverifiedReason"].FirstOrDefault();
            foreach (var (field, text) in new[] { ("Note", note), ("UnverifiedReason", reason) })
                if (RecordRules.Text(text, TextLimits.Reason) is { } problem) return await PageAsync(year, publisher, query, $"{field}: {problem}", null, cancellationToken);
            var result = await publisher.PublishAsync(year, note, reason, cancellationToken);
            return result.Publication is null
                ? await PageAsync(year, publisher, query, result.Refusal, null, cancellationToken,
                    result.Raced ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity)
                : await PageAsync(year, publisher, query, null, UiTexts.Current.Format("publications.done", ("version", result.Publication.Number), ("year", year)), cancellationToken);
        });
        return routes;
    }

    /// <param name="errorStatus">422 for a refusal of what was asked; 409 when another publication or a change got there first.</param>
    private static async Task<IResult> PageAsync(
        int? year, Publisher publisher, IndicatorQuery query, string? error, string? notice, CancellationToken cancellationToken,
        int errorStatus = StatusCodes.Status422UnprocessableEntity)
    {
        var years = await query.YearsWithDataAsync(cancellationToken);
        var shown = year is >= RecordRules.FirstYear and <= RecordRules.LastYear ? year.Value : years.Count > 0 ? years[0] : DateTime.UtcNow.Year - 1;
        var versions = await publisher.ListAsync(shown, cancellationToken);
        var changes = versions.Count > 0 ? await publisher.ChangesSinceAsync(versions[^1], UiTexts.Current.Language, cancellationToken) : [];
        return PageResult.For<PublicationsView, PublicationsModel>(new PublicationsModel(shown, years, versions, changes, error, notice),
            error is null ? StatusCodes.Status200OK : errorStatus);
    }
}

public sealed record PublicationsModel(
    int Year, IReadOnlyList<int> Years, IReadOnlyList<Publication> Versions, IReadOnlyList<ChangedFigure> Changes, string? Error, string? Notice);
