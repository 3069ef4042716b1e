using McscMonitor.Core.Domain;
using McscMonitor.Core.Names;

namespace McscMonitor.Core.Tests;

public class SerbianScriptTests
{
    [Theory]
    [InlineData("Gnjilane", "Гњилане")]
    [InlineData("Lipljan", "Липљан")]
    [InlineData("Džamija", "Џамија")]
    [InlineData("LJUBLJANA", "ЉУБЉАНА")]
    [InlineData("Đakovica i Uroševac", "Ђаковица и Урошевац")]
    [InlineData("Štrpce, Žabljak, Čačak, Ćuprija", "Штрпце, Жабљак, Чачак, Ћуприја")]
    public void LatinBecomesCyrillicWithDigraphsAsOneLetter(string latin, string cyrillic) =>
        Assert.Equal(cyrillic, SerbianScript.ToCyrillic(latin));

    [Fact]
    public void PlaceholdersInBracesAreNotTransliterated() =>
        Assert.Equal("Одржано {actual} од {threshold}", SerbianScript.ToCyrillic("Održano {actual} od {threshold}"));

    [Theory]
    [InlineData("Гњилане", "Gnjilane")]
    [InlineData("Џамија", "Džamija")]
    [InlineData("Пећ", "Peć")]
    public void CyrillicBecomesLatin(string cyrillic, string latin) =>
        Assert.Equal(latin, SerbianScript.ToLatin(cyrillic));
}

public class MunicipalityMatcherTests
{
    private static readonly Municipality[] Municipalities =
    [
        new()
        {
            Code = "peje", NameSq = "Pejë", NameSrLatn = "Peć", NameSrCyrl = "Пећ", NameEn = "Pejë/Peć",
            RegionCode = "peje", Aliases = "Peja|Pec",
        },
        new()
        {
            Code = "mitrovice-jug", NameSq = "Mitrovicë e Jugut", NameSrLatn = "Južna Mitrovica", NameSrCyrl = "Јужна Митровица",
            NameEn = "Mitrovicë/Mitrovica South", RegionCode = "mitrovice", Aliases = "South Mitrovica",
        },
        new()
        {
            Code = "mitrovice-veri", NameSq = "Mitrovicë e Veriut", NameSrLatn = "Severna Mitrovica", NameSrCyrl = "Северна Митровица",
            NameEn = "Mitrovicë/Mitrovica North", RegionCode = "mitrovice", Aliases = "North Mitrovica",
        },
        new()
        {
            Code = "fushe-kosove", NameSq = "Fushë Kosovë", NameSrLatn = "Kosovo Polje", NameSrCyrl = "Косово Поље",
            NameEn = "Fushë Kosovë/Kosovo Polje", RegionCode = "prishtine",
        },
    ];

    private readonly MunicipalityMatcher _matcher = new(Municipalities);

    [Theory]
    [InlineData("Pejë")]
    [InlineData("Peja")]
    [InlineData("Peć")]
    [InlineData("Pec")]
    [InlineData("Пећ")]
    [InlineData("PEJE")]
    [InlineData("  peje ")]
    [InlineData("Pejë/Peć")]
    public void AnyOfficialNameInAnyScriptFindsTheMunicipality(string name) =>
        Assert.Equal("peje", _matcher.Match(name).Municipality?.Code);

    [Theory]
    [InlineData("fushe kosove")]
    [InlineData("Fushe-Kosove")]
    [InlineData("косово поље")]
    public void SpacingHyphensAndCaseDoNotMatter(string name) =>
        Assert.Equal("fushe-kosove", _matcher.Match(name).Municipality?.Code);

    [Theory]
    [InlineData("Mitrovica")]
    [InlineData("Mitrovicë")]
    [InlineData("Митровица")]
    public void BareMitrovicaIsAmbiguousAndSuggestsBoth(string name)
    {
        var match = _matcher.Match(name);

        Assert.Null(match.Municipality);
        Assert.True(match.IsAmbiguous);
        Assert.Equal(["mitrovice-jug", "mitrovice-veri"], match.Suggestions.Select(m => m.Code).Order());
        Assert.Contains("Mitrovicë e Jugut", match.Describe(name));
    }

    [Fact]
    public void MisspelledNameSuggestsTheClosest()
    {
        var match = _matcher.Match("Pejj");

        Assert.Null(match.Municipality);
        Assert.Equal("peje", match.Suggestions[0].Code);
        Assert.Equal("unknown municipality 'Pejj'; did you mean Pejë (peje)?", match.Describe("Pejj"));
    }

    [Fact]
    public void UnrelatedNameIsUnknownWithoutSuggestions()
    {
        var match = _matcher.Match("Ljubljana");

        Assert.Null(match.Municipality);
        Assert.Empty(match.Suggestions);
    }
}
