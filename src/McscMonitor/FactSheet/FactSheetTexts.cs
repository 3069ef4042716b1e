using System.Collections.Frozen;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;

namespace McscMonitor.FactSheet;

/// <summary>The fact sheet's words, from `Texts/*.json`.</summary>
public static class FactSheetTexts
{
    private static readonly FrozenDictionary<Language, TextCatalog> All =
        TextCatalog.LoadAll(typeof(FactSheetTexts).Assembly, "McscMonitor.FactSheet.Texts");

    public static TextCatalog For(Language language) => All[language];

    public static IReadOnlyCollection<string> Keys => All[Language.En].Keys;
}
