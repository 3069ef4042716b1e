using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using McscMonitor.Core.Domain;
using McscMonitor.FactSheet;
using McscMonitor.Indicators;

namespace McscMonitor.Publications;

/// <summary>
/// A published version's indicators as a Frictionless Tabular Data Package
/// (https://datapackage.org): the CSV, and a datapackage.json that says what each column holds,
/// which values mean "no data", the licence, the source, the version and the CSV's SHA-256, so
/// that a tool reads it without guessing. The CSV in the package has no byte-order mark (it is
/// for programs); the one downloaded beside the sheet has one (it is for spreadsheets).
/// </summary>
public static class DataPackage
{
    private sealed record Field(string Name, string Type, string English, string Albanian);

    private static readonly Field[] Fields =
    [
        new("year", "integer", "Calendar year the figures describe", "Viti kalendarik që përshkruajnë shifrat"),
        new("code", "string", "Municipality code", "Kodi i komunës"),
        new("name_sq", "string", "Municipality name in Albanian", "Emri i komunës në shqip"),
        new("name_sr_latn", "string", "Municipality name in Serbian, Latin script", "Emri i komunës në serbisht, alfabeti latin"),
        new("name_sr_cyrl", "string", "Municipality name in Serbian, Cyrillic script", "Emri i komunës në serbisht, alfabeti cirilik"),
        new("name_en", "string", "Municipality name in English", "Emri i komunës në anglisht"),
        new("region", "string", "Region code", "Kodi i rajonit"),
        new("majority_community", "string", "The municipality's majority community (code)", "Komuniteti shumicë i komunës (kod)"),
        new("council_established", "boolean", "A council existed on 31 December", "Këshilli ekzistonte më 31 dhjetor"),
        new("meetings_held", "integer", "Meetings the council held in the year; empty: no meeting records", "Takimet që mbajti këshilli gjatë vitit; bosh: pa të dhëna për takime"),
        new("meets_required_minimum", "boolean", "The council held at least the meetings the rules require", "Këshilli mbajti të paktën takimet që kërkojnë rregullat"),
        new("meetings_discussing_security_or_non_majority", "integer", "Meetings that discussed security or non-majority community concerns", "Takimet që diskutuan sigurinë ose shqetësimet e komuniteteve jo-shumicë"),
        new("work_plan_addresses_non_majority", "boolean", "The year's work plan addresses non-majority community concerns; empty: no work plan recorded", "Plani i punës i vitit trajton shqetësimet e komuniteteve jo-shumicë; bosh: nuk është regjistruar plan pune"),
        new("compensates_members", "boolean", "The municipality compensated the council's members in full", "Komuna i kompensoi plotësisht anëtarët e këshillit"),
        new("compensation", "string", "Compensation: paid, partial or none; empty: no record", "Kompensimi: paid (paguar), partial (pjesërisht) ose none (aspak); bosh: pa të dhëna"),
        new("members_total", "integer", "Members serving on 31 December; empty: members not recorded", "Anëtarët në detyrë më 31 dhjetor; bosh: anëtarët nuk janë regjistruar"),
        new("members_women", "integer", "Women among them", "Gratë mes tyre"),
        new("members_non_majority", "integer", "Members of non-majority communities; empty: withheld to protect individuals, or not recorded", "Anëtarët e komuniteteve jo-shumicë; bosh: fshehur për të mbrojtur individët, ose nuk janë regjistruar"),
        new("gaps", "string", "Rules not met, as rule ids separated by |", "Rregullat e paplotësuara, si identifikues të ndarë me |"),
    ];

    /// <summary>The zip of a version in one language: datapackage.json and indicators.csv.</summary>
    public static byte[] Zip(IndicatorsDocument document, FactSheetModel model)
    {
        var csv = Encoding.UTF8.GetBytes(IndicatorText.Csv(document));
        var descriptor = Encoding.UTF8.GetBytes(Descriptor(document, model, csv).ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "datapackage.json", descriptor, model.Stamp!.PublishedOn);
            Add(zip, PublicationFiles.IndicatorsCsv, csv, model.Stamp.PublishedOn);
        }
        return stream.ToArray();
    }

    public static JsonObject Descriptor(IndicatorsDocument document, FactSheetModel model, byte[] csv)
    {
        var about = document.Publication ?? throw new InvalidOperationException("Only a published version has a data package.");
        var columns = IndicatorText.ColumnNames;
        if (!columns.SequenceEqual(Fields.Select(f => f.Name)))
            throw new InvalidOperationException("The data package's schema no longer describes the indicators CSV's columns.");
        return new JsonObject
        {
            ["profile"] = "tabular-data-package",
            ["name"] = $"mcsc-{document.Year}-v{about.Version}-{model.Language.Tag().ToLowerInvariant()}",
            ["title"] = $"{model.Title}: {model.Subtitle}",
            ["description"] = model.Texts["intro"],
            ["version"] = $"{about.Version}.0.0",
            ["created"] = $"{about.PublishedOn}T00:00:00Z",
            ["homepage"] = about.Url,
            ["keywords"] = new JsonArray("MCSC", "KKSB", "OSBZ", "Kosovo", document.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["licenses"] = new JsonArray(new JsonObject { ["name"] = DataLicense.Id, ["path"] = DataLicense.Url, ["title"] = DataLicense.Title }),
            ["sources"] = new JsonArray(new JsonObject { ["title"] = about.Publisher, ["path"] = about.Url }),
            ["contributors"] = new JsonArray(new JsonObject { ["title"] = about.Publisher, ["role"] = "publisher" }),
            ["citation"] = about.Citation,
            ["recordsChecksum"] = $"sha256:{about.RecordsChecksum}",
            ["rulebook"] = new JsonObject { ["version"] = document.RulebookVersion, ["hash"] = $"sha256:{about.RulebookDigest}" },
            ["resources"] = new JsonArray(new JsonObject
            {
                ["profile"] = "tabular-data-resource",
                ["name"] = "indicators",
                ["path"] = PublicationFiles.IndicatorsCsv,
                ["title"] = model.Texts["dataTitle"],
                ["format"] = "csv",
                ["mediatype"] = "text/csv",
                ["encoding"] = "utf-8",
                ["bytes"] = csv.Length,
                ["hash"] = $"sha256:{Publisher.Sha256Of(csv)}",
                ["dialect"] = new JsonObject { ["delimiter"] = ",", ["doubleQuote"] = true, ["quoteChar"] = "\"", ["lineTerminator"] = "\r\n", ["header"] = true },
                ["schema"] = new JsonObject
                {
                    ["fields"] = new JsonArray([.. Fields.Select(FieldSchema)]),
                    ["missingValues"] = new JsonArray(""),
                    ["primaryKey"] = new JsonArray("year", "code"),
                },
            }),
        };
    }

    private static JsonNode FieldSchema(Field field)
    {
        var schema = new JsonObject
        {
            ["name"] = field.Name, ["type"] = field.Type, ["description"] = field.English, ["descriptionSq"] = field.Albanian,
        };
        if (field.Type == "boolean")
        {
            schema["trueValues"] = new JsonArray("true");
            schema["falseValues"] = new JsonArray("false");
        }
        if (field.Type == "integer" && field.Name != "year") schema["constraints"] = new JsonObject { ["minimum"] = 0 };
        if (field.Name is "year" or "code") schema["constraints"] = new JsonObject { ["required"] = true };
        if (field.Name == "compensation") schema["constraints"] = new JsonObject { ["enum"] = new JsonArray("paid", "partial", "none") };
        return schema;
    }

    /// <summary>Entries dated by the publication, not the clock, so that the zip is the same bytes whenever it is made.</summary>
    private static void Add(ZipArchive zip, string name, byte[] content, DateOnly date)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        using var target = entry.Open();
        target.Write(content);
    }
}
