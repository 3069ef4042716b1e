using McscMonitor.Core.Domain;

namespace McscMonitor.Core.Localization;

/// <summary>
/// Validation messages, in the language of the current UI culture: a web request's chosen
/// language, or the console's. Dates in messages are written as <see cref="IsoDate"/> in every
/// language, because that is how they are typed into forms and files.
/// </summary>
public static class Messages
{
    private static readonly TextCatalogs Texts = new(typeof(Messages).Assembly, "McscMonitor.Core.Localization.Messages");

    public static TextCatalog For(Language language) => Texts.For(language);

    public static TextCatalog Current => Texts.Current;

    public static string Format(string key, params (string Name, object? Value)[] values) => Current.Format(key, values);
}
