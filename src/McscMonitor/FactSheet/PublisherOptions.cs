namespace McscMonitor.FactSheet;

/// <summary>
/// Who publishes the fact sheet and where (`Publisher:Name`, `Publisher:SiteUrl`): the name
/// opens the citation and the address makes its link absolute. Without them the citation
/// names the application and links relative to this site.
/// </summary>
public sealed record PublisherOptions(string? Name, string? SiteUrl)
{
    public static PublisherOptions From(IConfiguration configuration) =>
        new(configuration["Publisher:Name"] is { Length: > 0 } name ? name.Trim() : null,
            configuration["Publisher:SiteUrl"] is { Length: > 0 } url ? url.Trim().TrimEnd('/') : null);
}
