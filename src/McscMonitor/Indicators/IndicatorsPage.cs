using System.Security.Claims;
using McscMonitor.Core.Domain;
using McscMonitor.Web;

namespace McscMonitor.Indicators;

/// <summary>The overview of a year: its figures for the municipalities shown, or, with no document, that the year is not published.</summary>
/// <param name="Document">Null when the year is not published and the reader sees only published figures.</param>
/// <param name="Summary">The summary cards: for the chosen region, or the whole year.</param>
public sealed record OverviewModel(
    int Year, IReadOnlyList<int> Years, IndicatorsDocument? Document, IReadOnlyList<MunicipalityDocument> Rows, SummaryDocument? Summary,
    string? Region, string Sort);

internal static class IndicatorsPageEndpoint
{
    public static IEndpointRouteBuilder MapIndicatorsPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", ShowAsync).WithName("IndicatorsPage").ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> ShowAsync(
        IndicatorQuery query, Publications.Publisher publisher, StaffYears staffYears, int? year, string? region, string? sort, ClaimsPrincipal user,
        TimeProvider clock, HttpRequest request, CancellationToken cancellationToken)
    {
        // A municipal officer's home is their own municipality's year in progress, with what is due at the top.
        if (!request.QueryString.HasValue && user.IsInRole(Users.Roles.MunicipalOfficer)
            && Users.RecordAccess.OnlyMunicipality(user) is { Length: > 0 } own)
            return TypedResults.LocalRedirect($"/municipalities/{Uri.EscapeDataString(own)}?year={clock.GetLocalNow().Year}");
        var live = Users.RecordAccess.SeesLiveFigures(user);
        // Staff see every year with records, live; everyone else the years that are published, as published.
        IReadOnlyList<int> years;
        int shownYear;
        if (live)
            (years, shownYear) = await staffYears.ChooseAsync(year, cancellationToken);
        else
        {
            years = await publisher.PublishedYearsAsync(cancellationToken);
            shownYear = year is >= YearBounds.First and <= YearBounds.Last ? year.Value : years.Count > 0 ? years[0] : Today.Of(clock).Year - 1;
        }
        var language = UiTexts.Current.Language;
        var document = live
            ? IndicatorsDocument.From(await query.ComputeForAsync(shownYear, language, user, cancellationToken), await query.IsIllustrativeAsync(cancellationToken))
            : await publisher.PublishedIndicatorsAsync(shownYear, language, cancellationToken);
        if (document is null)
            return PageResult.For<IndicatorsView, OverviewModel>(new OverviewModel(shownYear, years, null, [], null, null, "name"));
        var rows = document.Municipalities.Where(m => string.IsNullOrEmpty(region) || m.Region == region).ToList();
        // Names sort as readers of the language expect: ç after c, č after c, Cyrillic in its own order.
        var byName = StringComparer.Create(UiTexts.Current.Culture, ignoreCase: true);
        string Name(MunicipalityDocument m) => IndicatorText.NameIn(m, language);
        var ordered = sort switch
        {
            "meetings" => rows.OrderByDescending(m => m.MeetingsHeld ?? -1).ThenBy(Name, byName),
            "gaps" => rows.OrderByDescending(m => m.Gaps.Count).ThenBy(Name, byName),
            "region" => rows.OrderBy(m => m.Region).ThenBy(Name, byName),
            _ => rows.OrderBy(Name, byName),
        };
        return PageResult.For<IndicatorsView, OverviewModel>(new OverviewModel(
            shownYear,
            years,
            document,
            ordered.ToList(),
            // The cards count what the table shows: the chosen region, or every municipality.
            string.IsNullOrEmpty(region) ? document.Summary : SummaryDocument.Of(rows),
            region,
            sort ?? "name"));
    }
}
