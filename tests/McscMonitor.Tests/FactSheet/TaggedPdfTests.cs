using System.Xml.Linq;
using McscMonitor.Core.Domain;
using McscMonitor.FactSheet;

namespace McscMonitor.Tests;

/// <summary>The fact sheet PDF as a screen reader meets it: tagged (PDF/UA-1), in reading order, every figure described.</summary>
public class TaggedPdfTests(DemoFactSheets sheets) : IClassFixture<DemoFactSheets>
{
    public static TheoryData<string> LanguageTags => [.. Languages.All.Select(language => language.Tag())];

    private static Language Parse(string tag) => Languages.TryParse(tag, out var language) ? language : throw new ArgumentException(tag);

    /// <summary>poppler's tree as (type, text) pairs: each element line followed by its quoted text, when it has some.</summary>
    private static List<(string Type, string Text)> ReadingOrder(byte[] pdf)
    {
        var entries = new List<(string Type, string Text)>();
        foreach (var line in TaggedPdf.StructText(pdf).Split('\n').Select(line => line.Trim()))
        {
            if (line.StartsWith('"') && entries.Count > 0) entries[^1] = (entries[^1].Type, entries[^1].Text + line.Trim('"'));
            else if (line.Length > 0 && !line.StartsWith('/')) entries.Add((line.Split(' ', ':')[0], ""));
        }
        return entries;
    }

    [Theory]
    [MemberData(nameof(LanguageTags))]
    public void HeadingsFiguresAndTablesAreTaggedInReadingOrder(string tag)
    {
        var language = Parse(tag);
        var model = sheets.Models[language];
        var texts = model.Texts;
        var order = ReadingOrder(sheets.Pdfs[language]);
        int Find(string type, string text, int after) =>
            order.FindIndex(after + 1, entry => entry.Type == type && entry.Text.Contains(text, StringComparison.Ordinal));

        (string Type, string Text)[] expected =
        [
            ("H1", model.Title),
            ("H2", texts["keyFigures"]),
            ("H2", texts.Format("mapTitle", ("year", 2021))),
            ("Figure", ""),
            ("H2", texts.Format("section", ("year", 2021))),
            ("H3", model.MeetingsHeld.Title),
            ("Figure", ""),
            ("H3", texts.Format("comparisonTitle", ("previous", 2020))),
            ("Table", ""),
            ("TH", texts["indicator"]),
            ("TH", texts["change"]),
            ("TH", model.Comparison[0].Indicator),
            ("TD", FactSheet.FactSheetPdf.Figure(texts, model.Comparison[0].Current)),
            ("H3", model.Discussions.Title),
            ("Figure", ""),
            ("H3", model.WorkPlans.Title),
            ("Figure", ""),
            ("H3", model.Compensation.Title),
            ("Figure", ""),
            ("H3", model.Inclusion.Title),
            ("Figure", ""),
            ("H3", texts["gapsTitle"]),
            ("TH", texts["municipality"]),
            ("H2", texts["methodTitle"]),
        ];
        var at = -1;
        foreach (var (type, text) in expected)
        {
            var found = Find(type, text, at);
            Assert.True(found > at, $"{type} \"{text}\" is not in the structure after element {at} ({(at >= 0 ? order[at] : default)})");
            at = found;
        }
    }

    [Theory]
    [MemberData(nameof(LanguageTags))]
    public void EveryFigureIsDescribedInTheSheetsLanguageWithItsFigures(string tag)
    {
        var language = Parse(tag);
        var model = sheets.Models[language];

        var descriptions = TaggedPdf.Elements(sheets.Pdfs[language]).Where(element => element.Type == "Figure").Select(element => element.Alt).ToList();

        Assert.Equal([model.MapDescription, .. model.Charts.Select(model.Describe)], descriptions);
        var first = model.MeetingsHeld.Bars[0];
        Assert.Contains($"{first.Label}: {model.Texts.Number((int)first.Value!)}", descriptions[1]);
        Assert.Contains($"{model.Texts["noData"]}", descriptions[1]);
        foreach (var mapClass in KosovoMap.Classes(model).Where(c => c.MunicipalityCodes.Count > 0))
            Assert.Contains($"{mapClass.Label} ({mapClass.MunicipalityCodes.Count})", descriptions[0]);
    }

    [Theory]
    [MemberData(nameof(LanguageTags))]
    public void TheDocumentDeclaresItsLanguageItsTitleAndPdfUa(string tag)
    {
        var language = Parse(tag);
        var (declared, marked, displaysTitle, xmp) = TaggedPdf.Catalog(sheets.Pdfs[language]);

        Assert.Equal(tag, declared);
        Assert.True(marked);
        Assert.True(displaysTitle);
        var metadata = XDocument.Parse(xmp.Trim('\uFEFF', ' ', '\n'));
        XNamespace pdfuaid = "http://www.aiim.org/pdfua/ns/id/", dc = "http://purl.org/dc/elements/1.1/";
        Assert.Equal("1", metadata.Descendants(pdfuaid + "part").Single().Value);
        Assert.Equal($"{sheets.Models[language].Title} — {sheets.Models[language].Subtitle}", metadata.Descendants(dc + "title").Single().Value);
        Assert.Equal(tag, metadata.Descendants(dc + "language").Single().Value);
    }

    [Fact]
    public void TableHeaderCellsSayWhetherTheyHeadARowOrAColumn()
    {
        var cells = TaggedPdf.Elements(sheets.Pdfs[Language.En]).Where(element => element.Type == "TH").ToList();

        Assert.NotEmpty(cells);
        Assert.All(cells, cell => Assert.True(cell.Scope is "Row" or "Column", $"scope {cell.Scope}"));
        Assert.Contains(cells, cell => cell.Scope == "Row");
    }

    [Fact]
    public void AGapMarkReadsAsYesUnderTheRuleItBreaksAndNoMeetingRecordsReadsAsNoData()
    {
        var model = sheets.Models[Language.Sq];
        var elements = TaggedPdf.Elements(sheets.Pdfs[Language.Sq]);

        var rule = model.RulesInForce[0];
        Assert.Contains(elements, element => element.Type == "TH" && element.ActualText == $"1. {rule.Label}");
        Assert.Equal(model.GapMatrix.Sum(row => model.RulesInForce.Count(rule => row.RuleIds.Contains(rule.Id))), elements.Count(element => element.Type == "TD" && element.ActualText == model.Texts["yes"]));
        // Every gap is in the grid: a council without meeting records gets a hollow mark under the meetings rule.
        var withoutRecords = model.GapMatrix.Count(row => row.RuleIds.Contains(Core.Rules.RuleIds.NoMeetingRecords));
        Assert.True(withoutRecords > 0);
        Assert.Equal(withoutRecords, elements.Count(element => element.Type == "TD" && element.ActualText == model.Texts["noData"]));
    }

    [Fact]
    public void PageFurnitureIsNotReadAsContent()
    {
        var model = sheets.Models[Language.En];
        var structure = TaggedPdf.StructText(sheets.Pdfs[Language.En]);

        // The footer repeats title and subtitle on one line on every page; the content has them apart.
        Assert.DoesNotContain($"{model.Title} — {model.Subtitle}", structure);
        var banner = model.Texts["illustrative"].ToUpper(model.Texts.Culture);
        Assert.Single(ReadingOrder(sheets.Pdfs[Language.En]), entry => entry.Text == banner);
    }
}
