using McscMonitor.Core.Domain;

namespace McscMonitor.FactSheet;

/// <summary>
/// Who publishes the fact sheet and where: `Publisher:Name` (or per language
/// `Publisher:Names:sq`, `:sr` (Latin script; Cyrillic is transliterated from it), `:en`) and
/// `Publisher:SiteUrl`. The name goes in the title block, the source line, the citation and the
/// PDF's author; the address makes the citation's link absolute. Without them the sheet names
/// the application and links relative to this site.
/// </summary>
public sealed record PublisherOptions(string? Name, string? SiteUrl, IReadOnlyDictionary<string, string>? Names = null)
{
    public static PublisherOptions From(IConfiguration configuration) =>
        new(Clean(configuration["Publisher:Name"]),
            Clean(configuration["Publisher:SiteUrl"])?.TrimEnd('/'),
            configuration.GetSection("Publisher:Names").GetChildren()
                .Where(name => Clean(name.Value) is not null).ToDictionary(name => name.Key, name => Clean(name.Value)!, StringComparer.OrdinalIgnoreCase));

    /// <summary>The publisher's name in a language, or null when none is configured.</summary>
    public string? NameIn(Language language) => language switch
    {
        Language.SrCyrl => NameIn(Language.SrLatn) is { } latin ? Core.Names.SerbianScript.ToCyrillic(latin) : null,
        // "sr", not "sr-Latn": a configuration key that environment variables can also spell.
        Language.SrLatn => Names?.GetValueOrDefault("sr") ?? Name,
        _ => Names?.GetValueOrDefault(language.Tag()) ?? Name,
    };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
