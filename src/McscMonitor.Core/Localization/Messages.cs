using System.Collections.Frozen;
using System.Globalization;
using McscMonitor.Core.Domain;

namespace McscMonitor.Core.Localization;

/// <summary>
/// Validation messages, in the language of the current UI culture: a web request's chosen
/// language, or the console's. Dates in messages are written as ISO dates in every language,
/// because that is how they are typed into forms and files.
/// </summary>
public static class Messages
{
    private static readonly FrozenDictionary<Language, TextCatalog> All =
        TextCatalog.LoadAll(typeof(Messages).Assembly, "McscMonitor.Core.Localization.Messages");

    public static TextCatalog For(Language language) => All[language];

    public static TextCatalog Current => All[TextCatalog.LanguageOf(CultureInfo.CurrentUICulture)];

    public static string Format(string key, params (string Name, object? Value)[] values) => Current.Format(key, values);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly? date) => date is { } value ? Iso(value) : "";
}
