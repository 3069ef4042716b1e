using McscMonitor.Cli;
using McscMonitor.Core.Domain;

namespace McscMonitor.FactSheet;

/// <summary>
/// Who publishes the fact sheet and where: `Publisher:Name` (or per language
/// `Publisher:Names:sq`, `:sr` (Latin script; Cyrillic is transliterated from it), `:en`),
/// `Publisher:SiteUrl` and `Publisher:Logo` (a PNG or JPEG file). The name goes in the title
/// block, the source line, the citation and the PDF's author; the address makes the citation's
/// link absolute; the logo heads the sheet. Without them the sheet names the application and
/// links relative to this site. `Publisher:Introductions:sq`, `:sr`, `:en` is an optional
/// paragraph in the publisher's own words that opens the sheet (the original's "The OSCE
/// Mission in Kosovo supports … and regularly monitors the work of the MCSCs").
/// </summary>
public sealed record PublisherOptions(
    string? Name, string? SiteUrl, IReadOnlyDictionary<string, string>? Names = null, PublisherLogo? Logo = null,
    IReadOnlyDictionary<string, string>? Introductions = null)
{
    public static PublisherOptions From(IConfiguration configuration) =>
        new(Clean(configuration["Publisher:Name"]),
            Clean(configuration["Publisher:SiteUrl"])?.TrimEnd('/'),
            configuration.GetSection("Publisher:Names").GetChildren()
                .Where(name => Clean(name.Value) is not null).ToDictionary(name => name.Key, name => Clean(name.Value)!, StringComparer.OrdinalIgnoreCase),
            Clean(configuration["Publisher:Logo"]) is { } logo ? PublisherLogo.Load(logo) : null,
            configuration.GetSection("Publisher:Introductions").GetChildren()
                .Where(text => Clean(text.Value) is not null).ToDictionary(text => text.Key, text => Clean(text.Value)!, StringComparer.OrdinalIgnoreCase));

    /// <summary>Where `serve --demo` answers by default: the demo's illustrative citations point there.</summary>
    public const string DemoSiteUrl = "http://localhost:5000";

    /// <summary>
    /// The setting an official (non-illustrative) publication still needs, or null when both
    /// are set: a citation names who publishes and where the sheet is, or it is no citation.
    /// </summary>
    public string? MissingForPublication =>
        Name is null && (Names is null || Names.Count == 0) ? "Publisher__Name" : SiteUrl is null ? "Publisher__SiteUrl" : null;

    /// <summary>The publisher's name in a language, or null when none is configured.</summary>
    public string? NameIn(Language language) => language switch
    {
        Language.SrCyrl => NameIn(Language.SrLatn) is { } latin ? Core.Names.SerbianScript.ToCyrillic(latin) : null,
        // "sr", not "sr-Latn": a configuration key that environment variables can also spell.
        Language.SrLatn => Names?.GetValueOrDefault("sr") ?? Name,
        _ => Names?.GetValueOrDefault(language.Tag()) ?? Name,
    };

    /// <summary>The publisher's introduction in a language (Serbian Cyrillic transliterated from the Latin), or null: none is made up.</summary>
    public string? IntroductionIn(Language language) => language switch
    {
        Language.SrCyrl => IntroductionIn(Language.SrLatn) is { } latin ? Core.Names.SerbianScript.ToCyrillic(latin) : null,
        Language.SrLatn => Introductions?.GetValueOrDefault("sr"),
        _ => Introductions?.GetValueOrDefault(language.Tag()),
    };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The publisher's logo: a PNG or JPEG of bounded size, read once at start-up.</summary>
public sealed record PublisherLogo(byte[] Image, string ContentType)
{
    /// <summary>Small enough to sit in every fact sheet page as a data address without weighing it down.</summary>
    public const int MaxBytes = 256 * 1024;

    public static PublisherLogo Load(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists) throw new ConfigurationException($"Publisher:Logo: there is no file at {file.FullName}.");
        if (file.Length > MaxBytes) throw new ConfigurationException($"Publisher:Logo: {file.Name} is {file.Length / 1024} KB; a logo may be at most {MaxBytes / 1024} KB.");
        var image = File.ReadAllBytes(file.FullName);
        var contentType = image switch
        {
            [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "image/png",
            [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
            _ => throw new ConfigurationException($"Publisher:Logo: {file.Name} is neither a PNG nor a JPEG image."),
        };
        return new PublisherLogo(image, contentType);
    }

    public string DataUrl => $"data:{ContentType};base64,{Convert.ToBase64String(Image)}";
}
