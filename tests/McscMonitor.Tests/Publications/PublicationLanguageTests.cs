using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Rules;
using McscMonitor.FactSheet;
using McscMonitor.Indicators;
using McscMonitor.Web;
using UglyToad.PdfPig;

namespace McscMonitor.Tests;

/// <summary>Every word of a published output in the reader's language, and counts agreeing with their nouns.</summary>
public partial class PublicationLanguageTests(DemoFactSheets sheets) : IClassFixture<DemoFactSheets>
{
    public static TheoryData<string> OtherThanEnglish => ["sq", "sr-Latn", "sr-Cyrl"];

    private static readonly string[] PluralVariants = ["one", "few", "other"];

    /// <summary>Words that are the same in every language: names, brands, sources.</summary>
    private static readonly HashSet<string> Shared = new(StringComparer.OrdinalIgnoreCase)
    {
        "McscMonitor", "OpenStreetMap", "geoBoundaries", "Runfola", "Kosovo", "Kosova", "Mitrovica", "OSCE", "MCSC", "2012",
        // File formats, named alike in every language (the evidence form lists them; the sheet offers its table as XLSX).
        "xlsx", "docx", "jpeg",
    };

    /// <summary>The English words of the catalogs a publication is made from, minus those the target language uses itself.</summary>
    private static HashSet<string> EnglishWords(Language language)
    {
        static IEnumerable<string> Words(string text) => Word().Matches(PlaceholderOrTag().Replace(text, " ")).Select(m => m.Value.ToLowerInvariant());
        IEnumerable<string> CatalogTexts(Language of)
        {
            var factSheet = FactSheetTexts.For(of);
            var web = UiTexts.For(of);
            var rules = Rulebook.Default.Versions.SelectMany(v => v.Rules).SelectMany(r => new[] { r.Message(of), r.Citation(of) });
            return factSheet.Keys.Select(factSheet.Template).Concat(web.Keys.Select(web.Template)).Concat(rules);
        }
        var own = CatalogTexts(language).SelectMany(Words).ToHashSet();
        return CatalogTexts(Language.En).SelectMany(Words)
            .Where(word => word.Length >= 4 && !own.Contains(word) && !Shared.Contains(word))
            .ToHashSet();
    }

    private static void AssertNoEnglish(string output, Language language, string where)
    {
        var english = EnglishWords(language);
        var found = Word().Matches(output).Select(m => m.Value.ToLowerInvariant()).Where(english.Contains).Distinct().ToList();
        Assert.True(found.Count == 0, $"{where} in {language.Tag()} contains English: {string.Join(", ", found)}");
    }

    [Theory]
    [MemberData(nameof(OtherThanEnglish))]
    public void TheFactSheetPageHasNoEnglishWord(string tag)
    {
        var language = Languages.ParseOrEnglish(tag);
        var text = new HtmlParser().ParseDocument(sheets.Html[language]).Body!.TextContent;

        AssertNoEnglish(text, language, "the fact sheet page");
    }

    [Theory]
    [MemberData(nameof(OtherThanEnglish))]
    public void TheFactSheetPdfHasNoEnglishWordNotEvenInItsMetadataOrFigureDescriptions(string tag)
    {
        var language = Languages.ParseOrEnglish(tag);
        using var pdf = PdfDocument.Open(sheets.Pdfs[language]);
        var described = TaggedPdf.Elements(sheets.Pdfs[language]).Select(element => $"{element.Alt} {element.ActualText}");
        var text = string.Join(" ", pdf.GetPages().Select(page => page.Text).Concat(described)) + " " + pdf.Information.Title + " " + pdf.Information.Subject;

        AssertNoEnglish(text, language, "the fact sheet PDF");
    }

    [Theory]
    [MemberData(nameof(OtherThanEnglish))]
    public void TheIndicatorsTableHasNoEnglishWord(string tag)
    {
        var language = Languages.ParseOrEnglish(tag);
        var document = IndicatorsDocument.From(sheets.Models[language].Current, illustrative: true);

        AssertNoEnglish(IndicatorText.Table(document, language), language, "the indicators table");
    }

    [Fact]
    public void TheTestFindsEnglishWhereThereIsSome()
    {
        Assert.Throws<Xunit.Sdk.TrueException>(() => AssertNoEnglish("Takime të mbajtura: 3 (below the required minimum)", Language.Sq, "a sample"));
    }

    [Theory]
    [InlineData("en", 1, "1 error.")]
    [InlineData("en", 2, "2 errors.")]
    [InlineData("sq", 1, "1 gabim.")]
    [InlineData("sq", 5, "5 gabime.")]
    [InlineData("sr-Latn", 1, "1 greška.")]
    [InlineData("sr-Latn", 2, "2 greške.")]
    [InlineData("sr-Latn", 5, "5 grešaka.")]
    [InlineData("sr-Latn", 11, "11 grešaka.")]
    [InlineData("sr-Latn", 21, "21 greška.")]
    [InlineData("sr-Cyrl", 101, "101 грешка.")]
    [InlineData("sr-Cyrl", 0, "0 грешака.")]
    public void CountsAgreeWithTheirNounsInEveryLanguage(string tag, int count, string expected)
    {
        var language = Languages.ParseOrEnglish(tag);

        Assert.Contains($": {expected}", UiTexts.For(language).Plural("import.failed", count, ("file", "x.csv")));
    }

    [Fact]
    public void EveryPluralTextHasAllItsVariantsInEveryLanguage()
    {
        foreach (var language in Languages.All)
        {
            var keys = UiTexts.For(language).Keys;
            foreach (var stem in keys.Where(k => k.EndsWith(".one", StringComparison.Ordinal)).Select(k => k[..^4]))
                Assert.All(PluralVariants, variant => Assert.Contains($"{stem}.{variant}", keys));
        }
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\{\w+\}|<[^>]+>")]
    private static partial Regex PlaceholderOrTag();
}
