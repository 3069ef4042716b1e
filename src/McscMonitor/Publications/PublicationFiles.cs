using McscMonitor.FactSheet;

namespace McscMonitor.Publications;

/// <summary>The files a publication holds in each language, besides each chart's (<see cref="ChartKind"/>).</summary>
public static class PublicationFiles
{
    public const string Page = "page.html";
    public const string Pdf = "sheet.pdf";
    public const string IndicatorsJson = "indicators.json";
    public const string IndicatorsCsv = "indicators.csv";
    public const string IndicatorsXlsx = "indicators.xlsx";
    public const string DataPackage = "datapackage.zip";

    public static readonly IReadOnlyList<string> All = [Page, Pdf, IndicatorsJson, IndicatorsCsv, IndicatorsXlsx, DataPackage];

    public static string ContentType(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".pdf" => "application/pdf",
        ".svg" => "image/svg+xml",
        ".csv" => "text/csv; charset=utf-8",
        ".json" => "application/json; charset=utf-8",
        ".xlsx" => Indicators.IndicatorText.XlsxContentType,
        ".zip" => "application/zip",
        _ => "image/png",
    };

    /// <summary>A chart's three files: its picture as SVG and PNG, its numbers as CSV.</summary>
    public static IEnumerable<string> Of(ChartKind chart) => [$"{chart.Id()}.svg", $"{chart.Id()}.png", $"{chart.Id()}.csv"];
}
