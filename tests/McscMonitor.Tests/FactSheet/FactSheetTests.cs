using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using McscMonitor.Core.Domain;
using McscMonitor.Data;
using McscMonitor.Demo;
using McscMonitor.FactSheet;
using McscMonitor.ReferenceData;
using Microsoft.AspNetCore.TestHost;
using SkiaSharp;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace McscMonitor.Tests;

public class FactSheetTests(DemoFactSheets sheets) : IClassFixture<DemoFactSheets>
{
    [Fact]
    public void EveryFigurePrintedForAnIndicatorIsTheJsonSummarysOwn()
    {
        var model = sheets.Models[Language.En];
        var summary = Indicators.IndicatorsDocument.From(model.Current, model.Illustrative).Summary;
        int? Bar(ChartData chart, string category) => (int?)chart.Bars.Single(bar => bar.Category == category).Value;

        Assert.Equal(
            [summary.CouncilsEstablished, summary.CouncilsMeetingRequiredMinimum, summary.MeetingsHeld,
                summary.MeetingsDiscussingSecurityOrNonMajority, summary.WorkPlansAddressingNonMajority, summary.MunicipalitiesCompensatingMembers],
            model.KeyFigures.Select(figure => figure.Value));
        Assert.Contains($"; {summary.MunicipalitiesCompensatingPartially} more in part", model.KeyFigures[^1].Label);
        // The comparison's current column is the key figures, and compensation in part is a row of its own.
        Assert.Equal(model.KeyFigures.Select(figure => figure.Value), model.Comparison.Take(6).Select(row => row.Current));
        Assert.Equal(summary.MunicipalitiesCompensatingPartially, model.Comparison[6].Current);
        // Charts: the meetings drawn add up to the figure, and chart 3 and chart 4 count what the summary counts.
        Assert.Equal(summary.MeetingsHeld, (int)model.MeetingsHeld.Bars.Sum(bar => bar.Value ?? 0));
        Assert.Equal(summary.CouncilsMeetingRequiredMinimum, model.MeetingsHeld.Bars.Count(bar => bar.Category == "meets"));
        Assert.Equal(summary.WorkPlansAddressingNonMajority, Bar(model.WorkPlans, "yes"));
        Assert.Equal(summary.MunicipalitiesCompensatingMembers, Bar(model.Compensation, "yes"));
        Assert.Equal(summary.MunicipalitiesCompensatingPartially, Bar(model.Compensation, "partial"));
        Assert.Equal(summary.CouncilsEstablished, model.WorkPlans.Bars.Sum(bar => (int)(bar.Value ?? 0)));
    }

    public static TheoryData<string> LanguageTags => [.. Languages.All.Select(language => language.Tag())];

    private static Language Parse(string tag) => Languages.TryParse(tag, out var language) ? language : throw new ArgumentException(tag);

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        // In drawing order, so that titles set side by side do not interleave.
        return string.Join("\n", document.GetPages().Select(page => ContentOrderTextExtractor.GetText(page)));
    }

    [Theory]
    [MemberData(nameof(LanguageTags))]
    public void PdfHasTheTitleEverySectionAndEveryMunicipalityInTheLanguagesOwnForm(string tag)
    {
        var language = Parse(tag);
        var model = sheets.Models[language];
        var text = PdfText(sheets.Pdfs[language]);
        var texts = model.Texts;

        string[] expected =
        [
            model.Title, model.Subtitle, texts["footnote"], texts["illustrative"].ToUpper(texts.Culture),
            texts.Format("section", ("year", 2021)), model.MeetingsHeld.Title, model.Discussions.Title, model.WorkPlans.Title,
            model.Compensation.Title, model.Inclusion.Title, texts.Format("mapTitle", ("year", 2021)),
            texts.Format("comparisonTitle", ("previous", 2020)), texts["gapsTitle"], texts["mapAttribution"],
        ];
        foreach (var phrase in expected) Assert.Contains(Words(phrase), Words(text));
        foreach (var municipality in ReferenceCatalog.Municipalities)
            Assert.Contains(Words(municipality.Name(language)), Words(text));
        Assert.DoesNotContain('\uFFFD', text);
    }

    [Theory]
    [MemberData(nameof(LanguageTags))]
    public void PdfHasFourPagesAndAMethodologyPageAllA4(string tag)
    {
        using var document = PdfDocument.Open(sheets.Pdfs[Parse(tag)]);

        Assert.Equal(5, document.NumberOfPages);
        var lastPage = ContentOrderTextExtractor.GetText(document.GetPage(5));
        Assert.Contains(sheets.Models[Parse(tag)].Texts["methodTitle"], lastPage);
        Assert.Contains(sheets.Models[Parse(tag)].Methodology[6][..30], lastPage.ReplaceLineEndings(" "));
        foreach (var page in document.GetPages())
        {
            Assert.Equal(595, page.Width, 0);
            Assert.Equal(842, page.Height, 0);
        }
    }

    [Theory]
    [MemberData(nameof(LanguageTags))]
    public void ThePdfShowsTheFourChartsInTheirNumberedOrder(string tag)
    {
        var language = Parse(tag);
        var model = sheets.Models[language];
        using var document = PdfDocument.Open(sheets.Pdfs[language]);
        var text = string.Join("\n", document.GetPages().Select(page => ContentOrderTextExtractor.GetText(page)));
        // Each title's first words, as the sheet prints them: where each chart begins.
        int Where(ChartData chart) => text.IndexOf(chart.Title[..Math.Min(24, chart.Title.Length)], StringComparison.Ordinal);

        var positions = new[] { model.MeetingsHeld, model.Discussions, model.WorkPlans, model.Compensation }.Select(Where).ToList();

        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Theory]
    [MemberData(nameof(LanguageTags))]
    public void EveryColumnLabelFitsItsColumnAndSoNoTwoLabelsMeet(string tag)
    {
        var model = sheets.Models[Parse(tag)];
        using var typeface = SkiaSharp.SKTypeface.FromFile(FactSheetCharts.RegularFont);
        using var font = new SkiaSharp.SKFont(typeface, FactSheetCharts.CategoryFontSize);

        foreach (var chart in new[] { model.WorkPlans, model.Compensation })
        {
            var room = FactSheetCharts.CategoryWidth(chart);
            foreach (var line in FactSheetCharts.CategoryLabels(chart).SelectMany(label => label.Split('\n')))
                Assert.True(font.MeasureText(line) <= room, $"{chart.Id}: '{line}' is {font.MeasureText(line):F0} pt wide in a column of {room:F0} pt");
        }
    }

    [Theory]
    [MemberData(nameof(LanguageTags))]
    public void NoTextOfABarChartIsClippedOrMeetsAnother(string tag)
    {
        var model = sheets.Models[Parse(tag)];
        using var typeface = SKTypeface.FromFile(FactSheetCharts.RegularFont);
        using var tickFont = new SKFont(typeface, SheetStyle.Chart);
        using var valueFont = new SKFont(typeface, 8);

        foreach (var chart in new[] { model.MeetingsHeld, model.Discussions, model.Inclusion })
        {
            var (width, height) = FactSheetCharts.SizeOf(chart);
            var plot = FactSheetCharts.Build(chart);
            plot.RenderInMemory(width, height);
            var data = plot.LastRender.DataRect;
            var limits = plot.Axes.GetLimits();
            var rows = chart.Bars.Select(bar => bar.Label).Distinct().ToList();

            // Each name fits in the room left of the bars, and the rows are at least a line of text apart.
            foreach (var row in rows)
                Assert.True(tickFont.MeasureText(row) <= data.Left, $"{chart.Id}: '{row}' is wider than the {data.Left:F0} px left of the bars");
            Assert.True(data.Height / rows.Count >= tickFont.Size, $"{chart.Id}: rows are {data.Height / rows.Count:F1} px apart for {tickFont.Size} px names");
            // Every value written beside its bar ends inside the chart.
            var pixelsPerUnit = data.Width / limits.HorizontalSpan;
            foreach (var bar in chart.Bars.Where(bar => bar.Series is null))
            {
                var text = bar.Text ?? (bar.Value ?? 0).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
                var end = data.Left + ((bar.Value ?? 0) - limits.Left) * pixelsPerUnit + 4 + valueFont.MeasureText(text);
                Assert.True(end <= width, $"{chart.Id}: the value '{text}' of {bar.Label} ends at {end:F0} px, past the chart's {width} px");
            }
        }
    }

    [Theory]
    [MemberData(nameof(LanguageTags))]
    public void TheMapNamesInTheSheetsLanguageEachMunicipalityWithRoomForItsName(string tag)
    {
        var model = sheets.Models[Parse(tag)];
        var names = model.Current.Municipalities.Select(model.Name).ToHashSet();

        var labels = KosovoMap.Build(model).GetPlottables().OfType<ScottPlot.Plottables.Text>().Select(text => text.LabelText.Replace("/\n", "/", StringComparison.Ordinal).Replace('\n', ' ')).ToList();

        Assert.True(labels.Count >= 7, $"only {labels.Count} municipalities are named on the map");
        Assert.All(labels, label => Assert.Contains(label, names));
        Assert.Equal(labels.Count, labels.Distinct().Count());
    }

    [Fact]
    public void EveryFontInThePdfIsEmbedded()
    {
        var raw = Encoding.Latin1.GetString(sheets.Pdfs[Language.SrCyrl]);

        var descriptors = Regex.Count(raw, @"/Type\s*/FontDescriptor");
        var embedded = Regex.Count(raw, @"/FontFile[23]?\s");
        Assert.True(descriptors > 0);
        Assert.Equal(descriptors, embedded);
        Assert.DoesNotMatch(@"/BaseFont\s*/(Helvetica|Times|Courier|Arial)", raw);
    }

    [Fact]
    public void PdfMetadataCarriesTheTitleAndLanguage()
    {
        using var document = PdfDocument.Open(sheets.Pdfs[Language.Sq]);

        Assert.Equal("Këshillat Komunale për Siguri në Bashkësi — Puna dhe funksionimi gjatë vitit 2021", document.Information.Title);
        Assert.Equal("sq", TaggedPdf.Catalog(sheets.Pdfs[Language.Sq]).Language);
    }

    [Theory]
    [MemberData(nameof(LanguageTags))]
    public void TheEmbeddedFontHasAGlyphForEveryCharacterTheFactSheetUses(string tag)
    {
        var language = Parse(tag);
        var texts = FactSheetTexts.For(language);
        using var typeface = SKTypeface.FromFile(FactSheetCharts.RegularFont);
        var everything = string.Concat(FactSheetTexts.Keys.Select(key => texts[key]))
                         + string.Concat(ReferenceCatalog.Municipalities.Select(m => m.Name(language)))
                         + "ëçčćđšžЂђЉљЊњЋћЏџ●…−";

        var missing = everything.Where(character => !char.IsWhiteSpace(character) && !typeface.ContainsGlyph(character)).Distinct();
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(LanguageTags))]
    public void HtmlPageIsValidAndHasOneChartPerIndicator(string tag)
    {
        var html = sheets.Html[Parse(tag)];
        var parser = new HtmlParser();
        var errors = new List<string>();
        parser.Error += (_, raised) =>
        {
            var error = (AngleSharp.Html.Dom.Events.HtmlErrorEvent)raised;
            var position = error.Position.Position;
            var source = html.Substring(Math.Max(0, position - 2), Math.Min(60, html.Length - position + 2));
            // AngleSharp compares the end tags of camelCase SVG elements (</clipPath>) case-sensitively;
            // HTML matches them case-insensitively, and browsers do, so only that report is excused.
            if (!Regex.IsMatch(source, @"^.{0,2}</(clipPath|linearGradient|radialGradient)>")) errors.Add($"{error.Message} at {position}: {source}");
        };

        var document = parser.ParseDocument(html);

        Assert.Empty(errors);
        Assert.Equal(tag, document.DocumentElement.GetAttribute("lang"));
        foreach (var chart in new[] { "meetings", "discussions", "work-plans", "compensation" })
        {
            var figure = Assert.Single(document.QuerySelectorAll($"figure[data-chart='{chart}']"));
            Assert.NotNull(figure.QuerySelector("svg"));
        }
        Assert.NotNull(document.QuerySelector("#chart-map svg"));
        Assert.Equal(4, document.QuerySelectorAll("nav a[hreflang]").Length);
    }

    [Fact]
    public void ChartNumbersEqualTheIndicatorEngine()
    {
        var model = sheets.Models[Language.En];
        var engine = model.Current.Municipalities;

        var meetings = model.MeetingsHeld.Bars.ToDictionary(bar => bar.Label, bar => bar.Value);
        Assert.Equal(engine.Count(m => m.CouncilEstablished), meetings.Count);
        foreach (var municipality in engine.Where(m => m.CouncilEstablished))
            Assert.Equal(municipality.MeetingsHeld, meetings[municipality.Municipality.NameEn]);

        var discussing = model.Discussions.Bars.Where(bar => bar.Series == model.Texts["discussing"]).ToDictionary(bar => bar.Label, bar => bar.Value);
        foreach (var municipality in engine.Where(m => m.CouncilEstablished))
            Assert.Equal(municipality.MeetingsDiscussingSecurityOrNonMajority, discussing[municipality.Municipality.NameEn]);

        var councils = engine.Where(m => m.CouncilEstablished).ToList();
        Assert.Equal(
            [councils.Count(m => m.WorkPlanAddressesNonMajority == true), councils.Count(m => m.WorkPlanAddressesNonMajority == false), councils.Count(m => m.WorkPlanAddressesNonMajority is null)],
            model.WorkPlans.Bars.Select(bar => (int)bar.Value!.Value));
        Assert.Equal(model.Current.Summary.WorkPlansAddressingNonMajority, model.WorkPlans.Bars[0].Value);
        Assert.Equal(
            [councils.Count(m => m.Compensation == CompensationStatus.Paid), councils.Count(m => m.Compensation == CompensationStatus.Partial),
             councils.Count(m => m.Compensation == CompensationStatus.None), councils.Count(m => m.Compensation is null)],
            model.Compensation.Bars.Select(bar => (int)bar.Value!.Value));
    }

    [Fact]
    public void HtmlChartDataTablesCarryTheChartNumbers()
    {
        var model = sheets.Models[Language.Sq];
        var document = new HtmlParser().ParseDocument(sheets.Html[Language.Sq]);

        foreach (var chart in model.Charts)
        {
            var cells = document.QuerySelectorAll($"figure[data-chart='{chart.Id}'] table.chart-data td[data-value]")
                .Select(cell => cell.GetAttribute("data-value"));
            // A withheld count ("< 3") has no value to carry.
            Assert.Equal(chart.Bars.Where(bar => bar.Value is not null).Select(bar => bar.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), cells);
        }
    }

    [Fact]
    public void MapColoursEveryMunicipalityAndGreysThoseWithoutACouncil()
    {
        var model = sheets.Models[Language.En];
        var classes = KosovoMap.Classes(model);

        Assert.Equal(KosovoMap.Codes.Order(), classes.SelectMany(c => c.MunicipalityCodes).Order());
        var noCouncil = classes.Single(c => c.Hatched);
        Assert.Equal(DemoData.WithoutCouncil.Order(), noCouncil.MunicipalityCodes.Order());
    }

    [Fact]
    public void DemoFactSheetIsMarkedIllustrativeAndRealDataIsNot()
    {
        Assert.Contains("ILLUSTRATIVE DATA, NOT OFFICIAL FIGURES", PdfText(sheets.Pdfs[Language.En]));
        var withoutLabel = sheets.Models[Language.En] with { Illustrative = false };
        Assert.DoesNotContain("ILLUSTRATIVE", PdfText(FactSheetPdf.Render(withoutLabel)));
    }

    /// <summary>Text without its spacing: extraction tools differ in where they see word breaks, not in the letters.</summary>
    private static string Words(string text) => Regex.Replace(text, @"\s+", "");
}

public class FactSheetWebAndCliTests
{
    [Fact]
    public async Task FactSheetPagePdfAndChartsArePublic()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await database.RunAsync("import", Path.Combine(AppContext.BaseDirectory, "examples", "import"));
        await database.RunAsync("publish", "--year", "2021", "--unverified-reason", "The example data is not verified.");
        await using var app = Web.WebApp.Build([], database.Settings, builder => builder.WebHost.UseTestServer());
        await app.Services.MigrateAsync();
        await app.StartAsync();
        var client = app.GetTestClient();

        var page = await client.GetAsync("/factsheet/2021/sr-Cyrl");
        var pdf = await client.GetAsync("/factsheet/2021/en.pdf");
        var png = await client.GetAsync("/factsheet/2021/sq/charts/meetings.png");
        var svg = await client.GetAsync("/factsheet/2021/sq/charts/map.svg");
        var unknown = await client.GetAsync("/factsheet/2021/de");

        Assert.Contains("Општински савети за безбедност заједнице", await page.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task FactSheetVerbWritesEveryLanguageAtOnce()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await database.RunAsync("import", Path.Combine(AppContext.BaseDirectory, "examples", "import"));
        using var folder = new TempFolder();

        var run = await database.RunAsync("factsheet", "--year", "2021", "--lang", "all", "--format", "html", "--out", Path.Combine(folder.Path, "fs.html"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["fs.en.html", "fs.sq.html", "fs.sr-Cyrl.html", "fs.sr-Latn.html"],
            Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FactSheetVerbRejectsAnUnknownLanguageAsAUsageError()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);

        var run = await database.RunAsync("factsheet", "--year", "2021", "--lang", "de", "--out", "x.pdf");

        Assert.Equal(2, run.ExitCode);
    }
}
