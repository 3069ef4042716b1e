using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;

namespace McscMonitor.FactSheet;

/// <summary>The fact sheet's words, from `Texts/*.json`.</summary>
public static class FactSheetTexts
{
    private static readonly TextCatalogs Texts = new(typeof(FactSheetTexts).Assembly, "McscMonitor.FactSheet.Texts");

    public static TextCatalog For(Language language) => Texts.For(language);

    public static IReadOnlyCollection<string> Keys => Texts.Keys;
}
