using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Names;

namespace McscMonitor.Core.Localization;

/// <summary>
/// Words in one language, from an embedded JSON file per language (`{prefix}.{tag}.json`).
/// Serbian Cyrillic is the reviewed Serbian Latin text, transliterated, so the two scripts
/// never drift apart; names and brands travel as {placeholders}, which transliteration leaves
/// alone.
/// </summary>
public sealed partial class TextCatalog
{
    private static readonly FrozenDictionary<string, string> Constants = new Dictionary<string, string>
    {
        ["app"] = "McscMonitor",
        ["boundaries"] = "geoBoundaries (Runfola et al.)",
        ["osm"] = "OpenStreetMap",
        ["licence"] = "CC BY-SA 2.0",
        ["api"] = "API",
        ["demo"] = "demo",
        ["utc"] = "UTC",
        ["bearer"] = "Authorization: Bearer …",
        ["xlsx"] = ".xlsx",
        ["csv"] = ".csv",
        ["zip"] = ".zip",
    }.ToFrozenDictionary();

    private readonly IReadOnlyDictionary<string, string> _texts;

    private TextCatalog(Language language, IReadOnlyDictionary<string, string> texts)
    {
        Language = language;
        _texts = texts;
        Culture = CultureFor(language);
    }

    public Language Language { get; }

    /// <summary>Numbers and dates are written the way readers of the language expect.</summary>
    public CultureInfo Culture { get; }

    public IReadOnlyCollection<string> Keys => (IReadOnlyCollection<string>)_texts.Keys;

    public string this[string key] => Format(key);

    /// <summary>A text as written, its placeholders unfilled.</summary>
    public string Template(string key) =>
        _texts.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"Text '{key}' is missing for {Language.Tag()}.");

    public string Format(string key, params (string Name, object? Value)[] values)
    {
        var text = Template(key);
        // One pass, so a value that itself contains {braces} (a user's input) is never expanded.
        return Placeholder().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            foreach (var (candidate, value) in values)
                if (candidate == name) return Write(value);
            return Constants.TryGetValue(name, out var constant) ? constant : match.Value;
        });
    }

    /// <summary>
    /// A text that depends on a count: the variant <c>{key}.one</c>, <c>.few</c> or <c>.other</c>
    /// that the language's plural rule picks for it, with {count} and the other values filled in.
    /// Every language has all three variants; where a language has no "few", it repeats "other".
    /// </summary>
    public string Plural(string key, long count, params (string Name, object? Value)[] values) =>
        Format($"{key}.{Localization.Plural.Suffix(Localization.Plural.Of(Language, count))}", [("count", count.ToString("N0", Culture)), .. values]);

    public string Number(int value) => value.ToString("N0", Culture);

    public string Number(decimal value) => value.ToString("N2", Culture);

    /// <summary>
    /// A date in running text: Serbian writes the day as an ordinal and the month in the
    /// genitive ("26. новембра 2026", "objavljena 4. decembra"), which the culture's month
    /// names (nominative, for calendars) do not give; Albanian and English as the culture does.
    /// </summary>
    public string Date(DateOnly date) => Language switch
    {
        Language.SrLatn => $"{date.Day}. {SerbianGenitiveMonths[date.Month - 1]} {date.Year}",
        Language.SrCyrl => $"{date.Day}. {Names.SerbianScript.ToCyrillic(SerbianGenitiveMonths[date.Month - 1])} {date.Year}",
        _ => date.ToString("d MMMM yyyy", Culture),
    };

    private static readonly string[] SerbianGenitiveMonths =
        ["januara", "februara", "marta", "aprila", "maja", "juna", "jula", "avgusta", "septembra", "oktobra", "novembra", "decembra"];

    /// <summary>The language of a culture (the request's or the console's); English unless it is Albanian or Serbian.</summary>
    public static Language LanguageOf(CultureInfo culture)
    {
        for (var current = culture; !string.IsNullOrEmpty(current.Name); current = current.Parent)
        {
            if (Languages.TryParse(current.Name, out var language)) return language;
            // Plain "sr" is written in Latin script in Kosovo's official publications.
            if (current.Name == "sr") return Language.SrLatn;
        }
        return Language.En;
    }

    public static CultureInfo CultureFor(Language language)
    {
        var name = language switch
        {
            Language.Sq => "sq-XK",
            Language.SrLatn => "sr-Latn-XK",
            Language.SrCyrl => "sr-Cyrl-XK",
            _ => "en-GB",
        };
        try
        {
            return CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    private string Write(object? value) => value switch
    {
        null => "",
        IFormattable formattable => formattable.ToString(null, Culture),
        _ => value.ToString() ?? "",
    };

    internal static TextCatalog Load(Assembly assembly, string prefix, Language language)
    {
        var source = language == Language.SrCyrl ? Language.SrLatn : language;
        var name = $"{prefix}.{source.Tag()}.json";
        using var stream = assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"Texts '{name}' are not embedded in {assembly.GetName().Name}.");
        var texts = JsonSerializer.Deserialize(stream, TextsJson.Default.DictionaryStringString)!;
        return new TextCatalog(language, language == Language.SrCyrl
            ? texts.ToDictionary(pair => pair.Key, pair => SerbianScript.ToCyrillic(pair.Value))
            : texts);
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();

    [JsonSerializable(typeof(Dictionary<string, string>))]
    private sealed partial class TextsJson : JsonSerializerContext;
}

/// <summary>
/// One catalog in every language, loaded once; loading fails if any language lacks a key
/// English has, or has one English lacks.
/// </summary>
public sealed class TextCatalogs
{
    private readonly FrozenDictionary<Language, TextCatalog> _catalogs;

    public TextCatalogs(Assembly assembly, string prefix)
    {
        _catalogs = Languages.All.ToFrozenDictionary(language => language, language => TextCatalog.Load(assembly, prefix, language));
        var expected = Keys.ToHashSet();
        foreach (var (language, catalog) in _catalogs)
        {
            var differing = expected.Except(catalog.Keys).Concat(catalog.Keys.Except(expected)).ToList();
            if (differing.Count > 0)
                throw new InvalidOperationException($"{prefix} texts for {language.Tag()} differ from English in: {string.Join(", ", differing)}");
        }
    }

    public TextCatalog For(Language language) => _catalogs[language];

    /// <summary>The catalog of the current UI culture: a web request's chosen language, or the console's.</summary>
    public TextCatalog Current => _catalogs[TextCatalog.LanguageOf(CultureInfo.CurrentUICulture)];

    public IReadOnlyCollection<string> Keys => _catalogs[Language.En].Keys;
}
