using McscMonitor.Core.Domain;
using McscMonitor.Indicators;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McscMonitor.FactSheet;

/// <summary>The published fact sheet: public, no sign-in (design §7), served from <see cref="FactSheetCache"/>.</summary>
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

    private static async Task<IResult> GetPage(int year, string lang, FactSheetCache cache, IndicatorQuery query, HttpContext context) =>
        await NoRecordsAsync(year, lang, query, context.RequestAborted)
        ?? await ServeAsync(context, cache, year, lang, "page", "text/html; charset=utf-8", null,
            async model => System.Text.Encoding.UTF8.GetBytes(await FactSheetHtml.RenderAsync(model, standalone: false)));

    private static async Task<IResult> GetPdf(int year, string lang, FactSheetCache cache, IndicatorQuery query, HttpContext context) =>
        await NoRecordsAsync(year, lang, query, context.RequestAborted)
        ?? await ServeAsync(context, cache, year, lang, "pdf", "application/pdf", $"mcsc-factsheet-{year}-{lang}.pdf",
            model => Task.FromResult(FactSheetPdf.Render(model)));

    /// <summary>A year without any record has no fact sheet (it would be all invented zeros): a 404 page that lists the years that have one.</summary>
    private static async Task<IResult?> NoRecordsAsync(int year, string lang, IndicatorQuery query, CancellationToken cancellationToken)
    {
        var years = await query.YearsWithDataAsync(cancellationToken);
        if (years.Contains(year)) return null;
        return new RazorComponentResult<NoFactSheetPage>(new { Year = year, Language = Parse(lang), Years = years })
        {
            StatusCode = StatusCodes.Status404NotFound,
        };
    }

    private static async Task<IResult> GetChart(
        int year, string lang, string chart, string extension, FactSheetCache cache, IndicatorQuery query, HttpContext context)
    {
        if (!ChartIds.Contains(chart) || extension is not ("svg" or "png")) return TypedResults.NotFound();
        if (await NoRecordsAsync(year, lang, query, context.RequestAborted) is not null) return TypedResults.NotFound();
        var svg = extension == "svg";
        return await ServeAsync(context, cache, year, lang, $"{chart}.{extension}", svg ? "image/svg+xml" : "image/png",
            svg ? null : $"mcsc-{year}-{lang}-{chart}.png",
            model => Task.FromResult(chart == "map"
                ? svg ? System.Text.Encoding.UTF8.GetBytes(KosovoMap.Svg(model)) : KosovoMap.Png(model)
                : svg ? System.Text.Encoding.UTF8.GetBytes(FactSheetCharts.Svg(model.Charts.Single(c => c.Id == chart))) : FactSheetCharts.Png(model.Charts.Single(c => c.Id == chart))));
    }

    /// <summary>The cached file, or 304 when the browser already holds this version.</summary>
    private static async Task<IResult> ServeAsync(
        HttpContext context, FactSheetCache cache, int year, string lang, string file, string contentType, string? downloadName,
        Func<FactSheetModel, Task<byte[]>> render)
    {
        var rendered = await cache.GetAsync(year, Parse(lang), file, render, context.RequestAborted);
        context.Response.Headers.ETag = rendered.ETag;
        context.Response.Headers.CacheControl = "public, no-cache";
        if (context.Request.Headers.IfNoneMatch.ToString().Split(',').Any(tag => tag.Trim() == rendered.ETag))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return downloadName is null
            ? TypedResults.Bytes(rendered.Content, contentType)
            : TypedResults.Bytes(rendered.Content, contentType, downloadName);
    }

    private static Language Parse(string tag) => Languages.TryParse(tag, out var language) ? language : Language.En;
}
