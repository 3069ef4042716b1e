using McscMonitor.Core.Domain;
using McscMonitor.Indicators;
using McscMonitor.Publications.Pages;
using McscMonitor.Users;
using McscMonitor.Web;

namespace McscMonitor.Publications;

/// <summary>A year's published versions, what changed since the latest, and the form that publishes the next (monitors and admins).</summary>
internal static class PublicationEndpoints
{
    private static readonly (string Field, Func<CorrectionNote, string?> Text)[] NoteFields =
        [("NoteSq", note => note.Sq), ("NoteSr", note => note.Sr), ("NoteEn", note => note.En)];

    public static IEndpointRouteBuilder MapPublications(this IEndpointRouteBuilder routes)
    {
        var pages = routes.MapGroup("/publications").RequireAuthorization(policy => policy.RequireRole(Roles.Admin, Roles.Monitor)).ExcludeFromDescription();
        pages.MapGet("/", async (int? year, Publisher publisher, StaffYears staffYears, CancellationToken cancellationToken) =>
            await PageAsync(year, publisher, staffYears, new PublishForm(null, null), cancellationToken));
        // Post, then redirect to the version's page: a refresh shows the version, it does not publish again.
        pages.MapPost("/{year:int}", async (int year, IFormCollection posted, Publisher publisher, StaffYears staffYears, CancellationToken cancellationToken) =>
        {
            var note = new CorrectionNote(posted["NoteSq"].FirstOrDefault(), posted["NoteSr"].FirstOrDefault(), posted["NoteEn"].FirstOrDefault());
            var reason = posted["UnverifiedReason"].FirstOrDefault();
            var form = new PublishForm(note, reason);
            foreach (var (field, text) in NoteFields.Select(f => (f.Field, f.Text(note))).Append(("UnverifiedReason", reason)))
                if (RecordRules.Text(text, TextLimits.Reason) is { } problem) return await PageAsync(year, publisher, staffYears, form with { Error = $"{field}: {problem}" }, cancellationToken);
            var result = await publisher.PublishAsync(year, note, reason, cancellationToken);
            return result.Publication is { } published
                ? TypedResults.Redirect($"/factsheet/{year}/v{published.Number}/{UiTexts.Current.Language.Tag()}")
                : await PageAsync(year, publisher, staffYears, form with { Error = result.Refusal }, cancellationToken,
                    result.Raced ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity);
        });
        return routes;
    }

    /// <param name="errorStatus">422 for a refusal of what was asked; 409 when another publication or a change got there first.</param>
    private static async Task<IResult> PageAsync(
        int? year, Publisher publisher, StaffYears staffYears, PublishForm form, CancellationToken cancellationToken,
        int errorStatus = StatusCodes.Status422UnprocessableEntity)
    {
        var (years, shown) = await staffYears.ChooseAsync(year, cancellationToken);
        var versions = await publisher.ListAsync(shown, cancellationToken);
        var changes = versions.Count > 0 ? await publisher.ChangesSinceAsync(versions[^1], UiTexts.Current.Language, cancellationToken) : [];
        // A new version corrects a figure, or which municipalities stand verified; otherwise there is nothing to publish.
        var canPublish = versions.Count == 0 || changes.Count > 0
            || versions[^1].UnverifiedMunicipalities != string.Join(",", await publisher.UnverifiedNowAsync(shown, cancellationToken));
        return PageResult.For<PublicationsView, PublicationsModel>(new PublicationsModel(shown, years, versions, changes, form, canPublish),
            form.Error is null ? StatusCodes.Status200OK : errorStatus);
    }
}

/// <summary>What was typed into the publish form, kept when it is refused, and why it was.</summary>
public sealed record PublishForm(CorrectionNote? Note, string? UnverifiedReason, string? Error = null);

public sealed record PublicationsModel(
    int Year, IReadOnlyList<int> Years, IReadOnlyList<Publication> Versions, IReadOnlyList<ChangedFigure> Changes, PublishForm Form, bool CanPublish);
