using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Names;

namespace McscMonitor.FactSheet;

/// <summary>
/// The fact sheet's words in one language, from `Texts/*.json`. Serbian Cyrillic is the
/// reviewed Serbian Latin text, transliterated; names and brands travel as {placeholders}
/// so that transliteration leaves them alone.
/// </summary>
public sealed class FactSheetTexts
{
    private static readonly FrozenDictionary<string, string> Constants = new Dictionary<string, string>
    {
        ["app"] = "McscMonitor",
        ["boundaries"] = "geoBoundaries (Runfola et al.)",
        ["osm"] = "OpenStreetMap",
        ["licence"] = "CC BY-SA 2.0",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<Language, FactSheetTexts> All = Languages.All.ToFrozenDictionary(
        language => language,
        language => new FactSheetTexts(language, Load(language)));

    private readonly IReadOnlyDictionary<string, string> _texts;

    private FactSheetTexts(Language language, IReadOnlyDictionary<string, string> texts)
    {
        Language = language;
        _texts = texts;
        Culture = CultureFor(language);
    }

    public Language Language { get; }

    /// <summary>Numbers and dates are written the way readers of the language expect.</summary>
    public CultureInfo Culture { get; }

    public static FactSheetTexts For(Language language) => All[language];

    public string this[string key] => Format(key);

    public string Format(string key, params (string Name, object Value)[] values)
    {
        if (!_texts.TryGetValue(key, out var text)) throw new KeyNotFoundException($"Fact sheet text '{key}' is missing for {Language.Tag()}.");
        foreach (var (name, value) in values)
            text = text.Replace($"{{{name}}}", value is IFormattable formattable ? formattable.ToString(null, Culture) : value.ToString(), StringComparison.Ordinal);
        foreach (var (name, value) in Constants) text = text.Replace($"{{{name}}}", value, StringComparison.Ordinal);
        return text;
    }

    public string Number(int value) => value.ToString("N0", Culture);

    public string Date(DateOnly date) => date.ToString("d MMMM yyyy", Culture);

    public static IReadOnlyCollection<string> Keys => All[Language.En]._texts.Keys.ToList();

    private static Dictionary<string, string> Load(Language language)
    {
        var source = language == Language.SrCyrl ? Language.SrLatn : language;
        using var stream = typeof(FactSheetTexts).Assembly.GetManifestResourceStream($"McscMonitor.FactSheet.Texts.{source.Tag()}.json")
            ?? throw new InvalidOperationException($"Fact sheet texts for {source.Tag()} are not embedded.");
        var texts = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
        return language == Language.SrCyrl
            ? texts.ToDictionary(pair => pair.Key, pair => SerbianScript.ToCyrillic(pair.Value))
            : texts;
    }

    private static CultureInfo CultureFor(Language language)
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
}
