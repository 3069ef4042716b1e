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
        var year = routes.MapGroup($"/factsheet/{{year:int:range({YearBounds.First},{YearBounds.Last})}}").WithTags("Fact sheet");
        // An address without a language, or with Serbian not saying its script, leads to the sheet in the reader's language or in Latin script.
        year.MapGet("/", (int year) => TypedResults.Redirect($"/factsheet/{year}/{Web.UiTexts.Current.Language.Tag()}")).ExcludeFromDescription();
        year.MapGet("/sr", (int year) => TypedResults.Redirect($"/factsheet/{year}/sr-Latn")).ExcludeFromDescription();
        year.MapGet($"/{{lang:{LanguagePattern}}}", (int year, string lang, HttpContext context) =>
                ServeAsync(context, year, null, lang, PublicationFiles.Page))
            .WithName("FactSheetPage").WithSummary("The fact sheet as a web page: the latest published version (staff: the live figures).")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        year.MapGet($"/{{lang:{LanguagePattern}}}.pdf", (int year, string lang, HttpContext context) =>
                ServeAsync(context, year, null, lang, PublicationFiles.Pdf))
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
                ServeAsync(context, year, number, lang, PublicationFiles.Page))
            .WithName("FactSheetVersionPage").WithSummary("A published version of the fact sheet, as it was published.")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        year.MapGet($"/v{{number:int}}/{{lang:{LanguagePattern}}}.pdf", (int year, int number, string lang, HttpContext context) =>
                ServeAsync(context, year, number, lang, PublicationFiles.Pdf))
            .WithName("FactSheetVersionPdf").WithSummary("The PDF of a published version, as it was published.")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf");
        year.MapGet($"/v{{number:int}}/{{lang:{LanguagePattern}}}/indicators.{{format:regex(^(json|csv|xlsx)$)}}",
                (int year, int number, string lang, string format, HttpContext context) =>
                ServeAsync(context, year, number, lang, $"indicators.{format}"))
            .WithName("FactSheetVersionIndicators").WithSummary("The indicators of a published version, as they were published (JSON).")
            .Produces<string>(StatusCodes.Status200OK, "application/json");
        year.MapGet($"/v{{number:int}}/{{lang:{LanguagePattern}}}/datapackage.zip", (int year, int number, string lang, HttpContext context) =>
                ServeAsync(context, year, number, lang, PublicationFiles.DataPackage))
            .WithName("FactSheetVersionDataPackage").WithSummary("A published version's data as a Frictionless Data Package (datapackage.json and its CSV files), in one zip.")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/zip");
        year.MapGet("/v{number:int}/SHA256SUMS", ChecksumsAsync)
            .WithName("FactSheetVersionChecksums").WithSummary("The SHA-256 of every file of a published version, as taken when it was published (sha256sum format).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
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
        var publisher = services.GetRequiredService<Publisher>();

        if (number is null && RecordAccess.SeesLiveFigures(context.User))
        {
            if (file.StartsWith("indicators.", StringComparison.Ordinal)) return await ServeLiveIndicatorsAsync(context, year, language, file);
            if (file == PublicationFiles.DataPackage) return TypedResults.NotFound();
            var years = await services.GetRequiredService<IndicatorQuery>().YearsWithDataAsync(cancellationToken);
            if (!years.Contains(year)) return NotPublished(year, language, years, noRecords: true);
            var live = await services.GetRequiredService<FactSheetCache>().GetAsync(year, language, file, model => RenderLive(model, file), cancellationToken);
            if (file == PublicationFiles.Page)
            {
                var standing = await FactSheetStanding.ForAsync(publisher, services.GetRequiredService<TimeProvider>(), year, null, language, cancellationToken);
                return await SendPageAsync(context, standing.Fill(live.Content));
            }
            return await SendAsync(context, live.Content, PublicationFiles.ContentType(file), live.ETag, DownloadName(year, lang, null, file), immutable: false);
        }

        var published = await publisher.FileAsync(year, number, language.Tag(), file, cancellationToken)
            // A version published before its CSV and XLSX were stored: made from its JSON, the same for every request.
            ?? (file is PublicationFiles.IndicatorsCsv or PublicationFiles.IndicatorsXlsx ? await DerivedAsync(publisher, year, number, language, file, cancellationToken) : null);
        if (published is null)
            return number is null && file == PublicationFiles.Page
                ? NotPublished(year, language, await publisher.PublishedYearsAsync(cancellationToken), noRecords: false)
                : TypedResults.NotFound();
        var versionNumber = number ?? await publisher.NumberOfAsync(published.PublicationId, cancellationToken);
        if (file == PublicationFiles.Page)
        {
            // The page says where its version stands (superseded or not, the year's other versions, other years): that part is the day's, the rest as published.
            var standing = await FactSheetStanding.ForAsync(publisher, services.GetRequiredService<TimeProvider>(), year, versionNumber, language, cancellationToken);
            return await SendPageAsync(context, standing.Fill(published.Content));
        }
        var tag = $"\"{(published.Sha256.Length > 0 ? published.Sha256[..32] : Publisher.Sha256Of(published.Content)[..32])}\"";
        return await SendAsync(context, published.Content, published.ContentType, tag, DownloadName(year, lang, versionNumber, file), immutable: number is not null);
    }

    private static async Task<PublicationFile?> DerivedAsync(Publisher publisher, int year, int? number, Language language, string file, CancellationToken cancellationToken)
    {
        if (await publisher.FileAsync(year, number, language.Tag(), PublicationFiles.IndicatorsJson, cancellationToken) is not { } json) return null;
        var document = System.Text.Json.JsonSerializer.Deserialize<IndicatorsDocument>(json.Content, IndicatorsDocument.JsonOptions)!;
        return new PublicationFile
        {
            PublicationId = json.PublicationId, Language = json.Language, Name = file,
            ContentType = file == PublicationFiles.IndicatorsCsv ? "text/csv; charset=utf-8" : IndicatorText.XlsxContentType,
            Content = file == PublicationFiles.IndicatorsCsv ? IndicatorText.CsvFile(document) : IndicatorText.Xlsx(document),
        };
    }

    /// <summary>A page with its standing filled in: revalidated on every visit, since a later version changes what it says.</summary>
    private static Task<IResult> SendPageAsync(HttpContext context, byte[] page) =>
        SendAsync(context, page, "text/html; charset=utf-8", $"\"{Publisher.Sha256Of(page)[..32]}\"", null, immutable: false);

    /// <summary>SHA256SUMS of a version: one line per stored file, "digest  language/name", as `sha256sum -c` reads it.</summary>
    private static async Task<IResult> ChecksumsAsync(int year, int number, Publisher publisher, CancellationToken cancellationToken)
    {
        var files = await publisher.DigestsAsync(year, number, cancellationToken);
        if (files.Count == 0) return TypedResults.NotFound();
        return TypedResults.Text(string.Concat(files.Select(f => $"{f.Sha256}  {f.Path}\n")), "text/plain; charset=utf-8");
    }

    /// <summary>The year's live indicators for staff, as JSON, CSV or XLSX, scoped as the records are (an officer's own municipality).</summary>
    private static async Task<IResult> ServeLiveIndicatorsAsync(HttpContext context, int year, Language language, string file)
    {
        var query = context.RequestServices.GetRequiredService<IndicatorQuery>();
        var cancellationToken = context.RequestAborted;
        if (!(await query.YearsWithDataAsync(cancellationToken)).Contains(year)) return TypedResults.NotFound();
        var document = IndicatorsDocument.From(await query.ComputeForAsync(year, language, context.User, cancellationToken), await query.IsIllustrativeAsync(cancellationToken));
        var (content, contentType) = file switch
        {
            PublicationFiles.IndicatorsCsv => (IndicatorText.CsvFile(document), "text/csv; charset=utf-8"),
            PublicationFiles.IndicatorsXlsx => (IndicatorText.Xlsx(document), IndicatorText.XlsxContentType),
            _ => (System.Text.Encoding.UTF8.GetBytes(document.ToJson()), "application/json; charset=utf-8"),
        };
        var etag = $"\"{Publisher.Sha256Of(content)[..32]}\"";
        return await SendAsync(context, content, contentType, etag, DownloadName(year, language.Tag(), null, file), immutable: false);
    }

    private static bool IsKnownFile(string file) =>
        PublicationFiles.All.Contains(file) || ChartKinds.OfTheSheet.Any(chart => PublicationFiles.Of(chart).Contains(file));

    private static Task<byte[]> RenderLive(FactSheetModel model, string file) => file switch
    {
        PublicationFiles.Page => RenderPageAsync(model),
        PublicationFiles.Pdf => Task.FromResult(FactSheetPdf.Render(model)),
        _ => Task.FromResult(ChartFiles.Render(model, file)),
    };

    private static async Task<byte[]> RenderPageAsync(FactSheetModel model) =>
        System.Text.Encoding.UTF8.GetBytes(await FactSheetHtml.RenderAsync(model, standalone: false));

    /// <summary>What a download is saved as: year, version (or "live") and language, so that two versions never overwrite each other.</summary>
    private static string? DownloadName(int year, string lang, int? number, string file) => Path.GetExtension(file) switch
    {
        ".pdf" => $"mcsc-factsheet-{year}-{Version(number)}-{lang}.pdf",
        ".png" or ".csv" or ".xlsx" or ".json" or ".zip" => $"mcsc-{year}-{Version(number)}-{lang}-{Path.GetFileNameWithoutExtension(file)}{Path.GetExtension(file)}",
        _ => null,
    };

    private static string Version(int? number) => number is null ? "live" : $"v{number}";

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
