using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using McscMonitor.Core.Domain;
using McscMonitor.FactSheet;

namespace McscMonitor.Publications;

/// <summary>
/// An Atom feed of every published version, newest first, so that newsrooms and researchers
/// learn of a new sheet or a correction without visiting: each entry links to the version's
/// page in each language, its PDF and its data package, and says what it corrects.
/// </summary>
internal static class PublicationFeed
{
    public static IEndpointRouteBuilder MapPublicationFeed(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/publications.atom", async (HttpContext context, Publisher publisher, PublisherOptions options, Indicators.IndicatorQuery query,
            CancellationToken cancellationToken) =>
        {
            var site = options.SiteUrl ?? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
            var versions = await publisher.ListAsync(null, cancellationToken);
            var english = FactSheetTexts.For(Language.En);
            var author = options.NameIn(Language.En) ?? (await query.IsIllustrativeAsync(cancellationToken) ? english["demoPublisher"] : english["unnamedPublisher"]);
            var atom = Write(site, author, versions);
            context.Response.Headers.CacheControl = "public, no-cache";
            return TypedResults.Bytes(atom, "application/atom+xml; charset=utf-8");
        })
        .WithTags("Fact sheet").WithName("PublicationFeed")
        .WithSummary("An Atom feed of every published fact sheet version and correction, newest first.")
        .Produces<string>(StatusCodes.Status200OK, "application/atom+xml");
        return routes;
    }

    public static byte[] Write(string site, string author, IReadOnlyList<Publication> versions)
    {
        var english = FactSheetTexts.For(Core.Domain.Language.En);
        var items = versions.OrderByDescending(v => v.PublishedAtUtc).ThenByDescending(v => v.Number).Select(version =>
        {
            var url = $"{site}/factsheet/{version.Year}/v{version.Number}";
            var item = new SyndicationItem
            {
                Id = $"{url}/en",
                Title = new TextSyndicationContent($"{english["title"]}: {english.Format("subtitle", ("year", version.Year))}, {english.Format("versionOn", ("version", version.Number), ("date", english.Date(DateOnly.FromDateTime(version.PublishedAtUtc))))}"),
                Summary = new TextSyndicationContent(version.Number > 1 && version.Note is { } note
                    ? english.Format("corrected", ("note", note))
                    : english.Format("publishedVersion", ("version", version.Number), ("date", english.Date(DateOnly.FromDateTime(version.PublishedAtUtc))))),
                PublishDate = new DateTimeOffset(DateTime.SpecifyKind(version.PublishedAtUtc, DateTimeKind.Utc)),
                LastUpdatedTime = new DateTimeOffset(DateTime.SpecifyKind(version.PublishedAtUtc, DateTimeKind.Utc)),
            };
            foreach (var language in Core.Domain.Languages.All)
            {
                var tag = language.Tag();
                // Atom allows one alternate per type and language: hreflang tells the four apart.
                foreach (var link in new[]
                {
                    new SyndicationLink(new Uri($"{url}/{tag}"), "alternate", FactSheetTexts.For(language)["title"], "text/html", 0),
                    new SyndicationLink(new Uri($"{url}/{tag}.pdf"), "enclosure", $"PDF ({tag})", "application/pdf", 0),
                })
                {
                    link.AttributeExtensions.Add(new XmlQualifiedName("hreflang"), tag);
                    item.Links.Add(link);
                }
            }
            item.Links.Add(new SyndicationLink(new Uri($"{url}/en/datapackage.zip"), "related", english.Format("dataPackage", ("formats", "zip")), "application/zip", 0));
            return item;
        }).ToList();
        var feed = new SyndicationFeed(english["title"], english["intro"], new Uri($"{site}/"), $"{site}/publications.atom",
            items.Count > 0 ? items[0].LastUpdatedTime : DateTimeOffset.UnixEpoch, items);
        feed.Links.Add(new SyndicationLink(new Uri($"{site}/publications.atom"), "self", null, "application/atom+xml", 0));
        feed.Authors.Add(new SyndicationPerson { Name = author });
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            feed.SaveAsAtom10(writer);
        return stream.ToArray();
    }
}
