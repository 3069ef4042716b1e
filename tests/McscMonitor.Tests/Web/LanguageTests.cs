using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.FactSheet;
using McscMonitor.Users;
using McscMonitor.Web;

namespace McscMonitor.Tests;

/// <summary>The app pages in the four languages: chosen, remembered, and complete.</summary>
public partial class LanguageTests
{
    [Theory]
    [InlineData("sq-AL,sq;q=0.9", "sq", "Këshillat Komunale për Siguri në Bashkësi")]
    [InlineData("sr-Latn-RS", "sr-Latn", "Opštinski saveti za bezbednost zajednice")]
    [InlineData("sr-Cyrl-RS", "sr-Cyrl", "Општински савети за безбедност заједнице")]
    [InlineData("de-DE", "en", "Municipal Community Safety Councils")]
    public async Task PagesFollowTheBrowsersLanguage(string acceptLanguage, string tag, string heading)
    {
        await using var host = await ApiHost.StartAsync();
        var client = host.ClientFor(null);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);

        var page = await client.GetStringAsync("/?year=2021");

        Assert.Contains($"""<html lang="{tag}">""", page);
        Assert.Contains(heading, page);
    }

    [Fact]
    public async Task TheChosenLanguageIsRememberedOverTheBrowsersOwn()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.Monitor, language: "en");

        var choose = await session.GetResponseAsync("/language/sr-Cyrl?returnUrl=%2Fmunicipalities%2Fpeje%3Fyear%3D2021");
        var (_, page) = await session.GetAsync("/municipalities/peje?year=2021");

        Assert.Equal(HttpStatusCode.Redirect, choose.StatusCode);
        Assert.Equal("/municipalities/peje?year=2021", choose.Headers.Location!.OriginalString);
        Assert.Contains("""<html lang="sr-Cyrl">""", page);
        Assert.Contains("Пећ — 2021", page);
        Assert.Contains("Састанци у 2021", page);
    }

    [Theory]
    [InlineData("//elsewhere.example/")]
    [InlineData("https://elsewhere.example/")]
    [InlineData("/\\elsewhere.example")]
    public async Task TheLanguageSwitchNeverSendsAnywhereElse(string returnUrl)
    {
        await using var host = await ApiHost.StartAsync();

        var response = await new FormClient(host.ClientHandler()).GetResponseAsync($"/language/sq?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ApiFieldErrorsAreInTheRequestsLanguage()
    {
        await using var host = await ApiHost.StartAsync();
        var client = host.ClientFor(Roles.Admin);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("sr-Latn");

        var response = await client.PostAsJsonAsync("/api/v1/meetings", new { municipality = "Pejj", date = "2021-05-05", status = "held", attendees = -2 });

        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!;
        Assert.Equal("nepoznata opština 'Pejj'; da li ste mislili na Pejë (peje)?", errors["municipality"]![0]!.ToString());
        Assert.Equal("-2 je negativan; broj ne može biti manji od 0", errors["attendees"]![0]!.ToString());
    }

    [Fact]
    public async Task ImportErrorsAreInTheRequestsLanguage()
    {
        await using var host = await ApiHost.StartAsync();
        var client = host.ClientFor(Roles.Admin);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("sq");
        var upload = new MultipartFormDataContent { { new ByteArrayContent("municipality,date,status\nPeja,2021-02-30,held\n"u8.ToArray()), "file", "meetings.csv" } };

        var response = await client.PostAsync("/api/v1/imports", upload);

        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!;
        Assert.Equal("'2021-02-30' nuk është datë që ekziston", error["message"]!.ToString());
    }

    public static TheoryData<string> Catalogs => ["ui", "messages", "factsheet"];

    private static TextCatalog Catalog(string name, Language language) => name switch
    {
        "ui" => UiTexts.For(language),
        "messages" => Messages.For(language),
        _ => FactSheetTexts.For(language),
    };

    [Theory]
    [MemberData(nameof(Catalogs))]
    public void EveryTextExistsInEveryLanguageWithTheSamePlaceholders(string catalog)
    {
        var english = Catalog(catalog, Language.En);
        foreach (var language in Languages.All)
        {
            var texts = Catalog(catalog, language);
            Assert.Equal(english.Keys.Order(), texts.Keys.Order());
            foreach (var key in english.Keys)
                Assert.True(Placeholders(english.Template(key)).SetEquals(Placeholders(texts.Template(key))), $"{catalog} '{key}' in {language.Tag()}");
        }
    }

    [Theory]
    [MemberData(nameof(Catalogs))]
    public void SerbianCyrillicTextsHaveNoLatinLettersLeft(string catalog)
    {
        var texts = Catalog(catalog, Language.SrCyrl);

        var mixed = texts.Keys.Where(key => LatinLetter().IsMatch(Placeholder().Replace(texts.Template(key), ""))).ToList();

        Assert.Empty(mixed);
    }

    [Theory]
    [InlineData("sq-AL", Language.Sq)]
    [InlineData("sq", Language.Sq)]
    [InlineData("sr-Cyrl-RS", Language.SrCyrl)]
    [InlineData("sr-Latn-XK", Language.SrLatn)]
    [InlineData("sr", Language.SrLatn)]
    [InlineData("de-DE", Language.En)]
    [InlineData("", Language.En)]
    public void ACultureMapsToTheLanguageItsReadersRead(string culture, Language expected) =>
        Assert.Equal(expected, TextCatalog.LanguageOf(CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void AValueIsNeverReadAsAPlaceholder()
    {
        var message = Messages.For(Language.En).Format("unknownMunicipality", ("input", "{names}"));

        Assert.Equal("unknown municipality '{names}'; use a municipality code or an official name in any language.", message);
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("[A-Za-zčćđšžČĆĐŠŽ]")]
    private static partial Regex LatinLetter();
}
