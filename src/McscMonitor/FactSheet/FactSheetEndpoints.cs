using McscMonitor.Core.Domain;
using McscMonitor.Indicators;
using McscMonitor.Publications;
using McscMonitor.Users;
using McscMonitor.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McscMonitor.FactSheet;

/// <summary>Why a year has no fact sheet: no records at all, or none published yet; and the years that have one.</summary>
public sealed record NoFactSheetModel(int Year, Core.Domain.Language Language, IReadOnlyList<int> Years, bool NoRecords);

/// <summary>
/// The fact sheet (design §7). The public and viewers get the latest published version; a
/// version's own address serves it forever, byte for byte. Staff (officers, monitors, admins)
/// get the live figures, labelled as unpublished, drawn through <see cref="FactSheetCache"/>.
/// </summary>
internal static class FactSheetEndpoints
{
    private const string LanguagePattern = "regex(^(sq|sr-Latn|sr-Cyrl|en)$)";

    public static IEndpointRouteBuilder MapFactSheet(this IEndpointRouteBuilder routes)
    {
        var year = routes.MapGroup("/factsheet/{year:int:range(2001,2100)}").WithTags("Fact sheet");
        year.MapGet($"/{{lang:{LanguagePattern}}}", (int year, string lang, HttpContext context) =>
                ServeAsync(context, year, null, lang, "page.html"))
            .WithName("FactSheetPage").WithSummary("The fact sheet as a web page: the latest published version (staff: the live figures).")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        year.MapGet($"/{{lang:{LanguagePattern}}}.pdf", (int year, string lang, HttpContext context) =>
                ServeAsync(context, year, null, lang, "sheet.pdf"))
            .WithName("FactSheetPdf").WithSummary("The fact sheet as a print-quality PDF (latest published version).")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf");
        year.MapGet($"/{{lang:{LanguagePattern}}}/charts/{{chart}}.{{extension}}", (int year, string lang, string chart, string extension, HttpContext context) =>
                ServeAsync(context, year, null, lang, $"{chart}.{extension}"))
            .WithName("FactSheetChart").WithSummary("One chart of the fact sheet as SVG or PNG.")
            .Produces<byte[]>(StatusCodes.Status200OK, "image/svg+xml", "image/png");

        year.MapGet($"/{{lang:{LanguagePattern}}}/indicators.{{format:regex(^(json|csv|xlsx)$)}}", (int year, string lang, string format, HttpContext context) =>
                ServeAsync(context, year, null, lang, $"indicators.{format}"))
            .WithName("FactSheetIndicators").WithSummary("The year's indicators for every municipality as JSON, CSV or XLSX: the latest published version (staff: the live figures).")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/json", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        year.MapGet($"/v{{number:int}}/{{lang:{LanguagePattern}}}", (int year, int number, string lang, HttpContext context) =>
                ServeAsync(context, year, number, lang, "page.html"))
            .WithName("FactSheetVersionPage").WithSummary("A published version of the fact sheet, as it was published.")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        year.MapGet($"/v{{number:int}}/{{lang:{LanguagePattern}}}.pdf", (int year, int number, string lang, HttpContext context) =>
                ServeAsync(context, year, number, lang, "sheet.pdf"))
            .WithName("FactSheetVersionPdf").WithSummary("The PDF of a published version, as it was published.")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf");
        year.MapGet($"/v{{number:int}}/{{lang:{LanguagePattern}}}/indicators.{{format:regex(^(json|csv|xlsx)$)}}",
                (int year, int number, string lang, string format, HttpContext context) =>
                ServeAsync(context, year, number, lang, $"indicators.{format}"))
            .WithName("FactSheetVersionIndicators").WithSummary("The indicators of a published version, as they were published (JSON).")
            .Produces<string>(StatusCodes.Status200OK, "application/json");
        year.MapGet($"/v{{number:int}}/{{lang:{LanguagePattern}}}/charts/{{chart}}.{{extension}}",
                (int year, int number, string lang, string chart, string extension, HttpContext context) =>
                    ServeAsync(context, year, number, lang, $"{chart}.{extension}"))
            .WithName("FactSheetVersionChart").WithSummary("A chart of a published version.")
            .Produces<byte[]>(StatusCodes.Status200OK, "image/svg+xml", "image/png");
        return routes;
    }

    private static async Task<IResult> ServeAsync(HttpContext context, int year, int? number, string lang, string file)
    {
        var services = context.RequestServices;
        var cancellationToken = context.RequestAborted;
        var language = Parse(lang);
        if (!IsKnownFile(file)) return TypedResults.NotFound();

        if (file.StartsWith("indicators.", StringComparison.Ordinal)) return await ServeIndicatorsAsync(context, year, number, language, file);
        if (number is null && RecordAccess.SeesLiveFigures(context.User))
        {
            var years = await services.GetRequiredService<IndicatorQuery>().YearsWithDataAsync(cancellationToken);
            if (!years.Contains(year)) return NotPublished(year, language, years, noRecords: true);
            var live = await services.GetRequiredService<FactSheetCache>().GetAsync(year, language, file, model => RenderLive(model, file), cancellationToken);
            return await SendAsync(context, live.Content, ContentType(file), live.ETag, DownloadName(year, lang, null, file), immutable: false);
        }

        var publisher = services.GetRequiredService<Publisher>();
        var published = await publisher.FileAsync(year, number, language.Tag(), file, cancellationToken);
        if (published is null)
            return number is null && file == "page.html"
                ? NotPublished(year, language, await publisher.PublishedYearsAsync(cancellationToken), noRecords: false)
                : TypedResults.NotFound();
        var tag = $"\"p{published.PublicationId}-{published.Id}\"";
        return await SendAsync(context, published.Content, published.ContentType, tag, DownloadName(year, lang, number, file), immutable: number is not null);
    }

    /// <summary>
    /// The whole year's indicators as JSON (what was published, byte for byte), CSV or XLSX
    /// (both made from that JSON): live figures for staff, the published version for everyone else.
    /// </summary>
    private static async Task<IResult> ServeIndicatorsAsync(HttpContext context, int year, int? number, Language language, string file)
    {
        var services = context.RequestServices;
        var cancellationToken = context.RequestAborted;
        byte[] json;
        if (number is null && RecordAccess.SeesLiveFigures(context.User))
        {
            var query = services.GetRequiredService<IndicatorQuery>();
            if (!(await query.YearsWithDataAsync(cancellationToken)).Contains(year)) return TypedResults.NotFound();
            var live = IndicatorsDocument.From(await query.ComputeForAsync(year, language, context.User, cancellationToken), await query.IsIllustrativeAsync(cancellationToken));
            json = System.Text.Encoding.UTF8.GetBytes(live.ToJson());
        }
        else if (await services.GetRequiredService<Publisher>().FileAsync(year, number, language.Tag(), "indicators.json", cancellationToken) is { } published)
        {
            json = published.Content;
        }
        else return TypedResults.NotFound();

        var document = System.Text.Json.JsonSerializer.Deserialize<IndicatorsDocument>(json, IndicatorsDocument.JsonOptions)!;
        var (content, contentType) = file switch
        {
            "indicators.csv" => (System.Text.Encoding.UTF8.GetBytes(IndicatorText.Csv(document)), "text/csv; charset=utf-8"),
            "indicators.xlsx" => (IndicatorText.Xlsx(document), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            _ => (json, "application/json; charset=utf-8"),
        };
        var etag = $"\"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content))[..16]}\"";
        return await SendAsync(context, content, contentType, etag, DownloadName(year, language.Tag(), number, file), immutable: number is not null);
    }

    private static bool IsKnownFile(string file) =>
        file is "page.html" or "sheet.pdf" or "indicators.json" or "indicators.csv" or "indicators.xlsx"
        || ChartFiles.Ids.Any(chart => file == $"{chart}.svg" || file == $"{chart}.png" || file == $"{chart}.csv");

    private static Task<byte[]> RenderLive(FactSheetModel model, string file) => file switch
    {
        "page.html" => RenderPageAsync(model),
        "sheet.pdf" => Task.FromResult(FactSheetPdf.Render(model)),
        _ => Task.FromResult(ChartFiles.Render(model, file)),
    };

    private static async Task<byte[]> RenderPageAsync(FactSheetModel model) =>
        System.Text.Encoding.UTF8.GetBytes(await FactSheetHtml.RenderAsync(model, standalone: false));

    private static string ContentType(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".pdf" => "application/pdf",
        ".svg" => "image/svg+xml",
        ".csv" => "text/csv; charset=utf-8",
        _ => "image/png",
    };

    private static string? DownloadName(int year, string lang, int? number, string file) => Path.GetExtension(file) switch
    {
        ".pdf" => $"mcsc-factsheet-{year}{(number is null ? "" : $"-v{number}")}-{lang}.pdf",
        ".png" or ".csv" or ".xlsx" => $"mcsc-{year}{(number is null ? "" : $"-v{number}")}-{lang}-{Path.GetFileNameWithoutExtension(file)}{Path.GetExtension(file)}",
        _ => null,
    };

    /// <summary>
    /// The file, or 304 when the browser already holds this version. Text (the page, SVG, CSV,
    /// JSON) goes gzip'd to a browser that takes it: the page is a sixth of its size so. These
    /// bytes are the same for every reader and hold no secret, so compressing them leaks nothing.
    /// </summary>
    private static async Task<IResult> SendAsync(HttpContext context, byte[] content, string contentType, string etag, string? downloadName, bool immutable)
    {
        var gzip = IsText(contentType) && context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        if (IsText(contentType)) context.Response.Headers.Vary = "Accept-Encoding";
        if (gzip) etag = etag.Insert(etag.Length - 1, "-gz");
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = immutable ? "public, max-age=31536000, immutable" : "public, no-cache";
        if (context.Request.Headers.IfNoneMatch.ToString().Split(',').Any(tag => tag.Trim() == etag))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        if (gzip)
        {
            context.Response.Headers.ContentEncoding = "gzip";
            content = await context.RequestServices.GetRequiredService<FactSheetCache>().GzippedAsync(etag, content, context.RequestAborted);
        }
        return downloadName is null ? TypedResults.Bytes(content, contentType) : TypedResults.Bytes(content, contentType, downloadName);
    }

    private static bool IsText(string contentType) =>
        contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.StartsWith("image/svg", StringComparison.Ordinal)
        || contentType.StartsWith("application/json", StringComparison.Ordinal);


    /// <summary>A 404 page that says why there is no sheet and lists the years that have one.</summary>
    private static RazorComponentResult<NoFactSheetPage> NotPublished(int year, Language language, IReadOnlyList<int> years, bool noRecords) =>
        PageResult.For<NoFactSheetPage, NoFactSheetModel>(new NoFactSheetModel(year, language, years, noRecords), StatusCodes.Status404NotFound);

    private static Language Parse(string tag) => Languages.TryParse(tag, out var language) ? language : Language.En;
}
