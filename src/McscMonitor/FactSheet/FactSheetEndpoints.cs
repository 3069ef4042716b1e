using McscMonitor.Core.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McscMonitor.FactSheet;

/// <summary>The published fact sheet: public, no sign-in (design §7).</summary>
internal static class FactSheetEndpoints
{
    private const string LanguagePattern = "regex(^(sq|sr-Latn|sr-Cyrl|en)$)";
    private static readonly string[] ChartIds = ["meetings", "discussions", "work-plans", "compensation", "inclusion", "map"];

    public static IEndpointRouteBuilder MapFactSheet(this IEndpointRouteBuilder routes)
    {
        var page = routes.MapGroup("/factsheet/{year:int:range(2001,2100)}").WithTags("Fact sheet");
        page.MapGet($"/{{lang:{LanguagePattern}}}", GetPage).WithName("FactSheetPage")
            .WithSummary("The fact sheet as a web page.").Produces(StatusCodes.Status200OK, typeof(string), "text/html");
        page.MapGet($"/{{lang:{LanguagePattern}}}.pdf", GetPdf).WithName("FactSheetPdf")
            .WithSummary("The fact sheet as a print-quality PDF.").Produces(StatusCodes.Status200OK, typeof(byte[]), "application/pdf");
        page.MapGet($"/{{lang:{LanguagePattern}}}/charts/{{chart}}.{{extension}}", GetChart).WithName("FactSheetChart")
            .WithSummary("One chart of the fact sheet as SVG or PNG.")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "image/svg+xml", "image/png");
        return routes;
    }

    private static async Task<ContentHttpResult> GetPage(int year, string lang, FactSheetBuilder builder, CancellationToken cancellationToken)
    {
        var model = await builder.BuildAsync(year, Parse(lang), cancellationToken);
        return TypedResults.Content(await FactSheetHtml.RenderAsync(model, standalone: false), "text/html; charset=utf-8");
    }

    private static async Task<FileContentHttpResult> GetPdf(int year, string lang, FactSheetBuilder builder, CancellationToken cancellationToken)
    {
        var model = await builder.BuildAsync(year, Parse(lang), cancellationToken);
        return TypedResults.File(FactSheetPdf.Render(model), "application/pdf", $"mcsc-factsheet-{year}-{lang}.pdf");
    }

    private static async Task<Results<FileContentHttpResult, ContentHttpResult, NotFound>> GetChart(
        int year, string lang, string chart, string extension, FactSheetBuilder builder, CancellationToken cancellationToken)
    {
        if (!ChartIds.Contains(chart) || extension is not ("svg" or "png")) return TypedResults.NotFound();
        var model = await builder.BuildAsync(year, Parse(lang), cancellationToken);
        if (chart == "map")
        {
            return extension == "svg"
                ? TypedResults.Content(KosovoMap.Svg(model), "image/svg+xml")
                : TypedResults.File(KosovoMap.Png(model), "image/png", $"mcsc-{year}-{lang}-map.png");
        }
        var data = model.Charts.Single(c => c.Id == chart);
        return extension == "svg"
            ? TypedResults.Content(FactSheetCharts.Svg(data), "image/svg+xml")
            : TypedResults.File(FactSheetCharts.Png(data), "image/png", $"mcsc-{year}-{lang}-{chart}.png");
    }

    private static Language Parse(string tag) => Languages.TryParse(tag, out var language) ? language : Language.En;
}
