using System.Text.Json;
using System.Text.Json.Nodes;
using McscMonitor.Core.Domain;

namespace McscMonitor.FactSheet;

/// <summary>
/// A published sheet's schema.org Dataset description, in the page's head, so that dataset
/// search engines find the data behind it: what it is, who publishes it, when, and each download.
/// </summary>
public static class DatasetJsonLd
{
    public static string Of(FactSheetModel model)
    {
        var stamp = model.Stamp ?? throw new InvalidOperationException("Only a published version describes itself as a dataset.");
        var files = $"{model.SiteUrl}{model.BasePath}/{model.Language.Tag()}";
        var dataset = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Dataset",
            ["name"] = $"{model.Title}: {model.Subtitle}",
            ["description"] = model.Texts["intro"],
            ["url"] = model.Url,
            ["version"] = stamp.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["datePublished"] = stamp.PublishedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["inLanguage"] = model.Language.Tag(),
            ["temporalCoverage"] = model.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["spatialCoverage"] = "Kosovo",
            ["isAccessibleForFree"] = true,
            ["license"] = DataLicense.Url,
            ["citation"] = model.Citation,
            ["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = model.PublisherName ?? model.Texts["unnamedPublisher"] },
            ["distribution"] = new JsonArray(
                Download($"{files}/indicators.csv", "text/csv"),
                Download($"{files}/indicators.xlsx", Indicators.IndicatorText.XlsxContentType),
                Download($"{files}/indicators.json", "application/json"),
                Download($"{files}/datapackage.zip", "application/zip"),
                Download($"{files}.pdf", "application/pdf")),
        };
        // Inside <script>, "</" would end the element: escape it as JSON allows.
        return dataset.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
    }

    private static JsonObject Download(string url, string format) =>
        new() { ["@type"] = "DataDownload", ["contentUrl"] = url, ["encodingFormat"] = format };
}

/// <summary>The licence the published data is offered under: Creative Commons Attribution 4.0, as open government data usually is.</summary>
public static class DataLicense
{
    public const string Id = "CC-BY-4.0";
    public const string Url = "https://creativecommons.org/licenses/by/4.0/";
    public const string Title = "Creative Commons Attribution 4.0";
}
