using System.Globalization;
using System.Text;
using McscMonitor.Core.Domain;
using McscMonitor.Publications;

namespace McscMonitor.FactSheet;

/// <summary>
/// Where a sheet stands, which only later days know: whether a later version superseded it,
/// the year's versions and the other published years, and the date the reader accessed it
/// (for the citation). The page is frozen when published with markers where these go; they
/// are filled in as it is served. Every other file of a version is served as stored.
/// </summary>
public sealed class FactSheetStanding(string block, string accessed)
{
    public const string Marker = "<!--mcsc:standing-->";
    public const string AccessedMarker = "<!--mcsc:accessed-->";

    /// <param name="number">The version shown, or null for the live figures.</param>
    public static async Task<FactSheetStanding> ForAsync(
        Publisher publisher, TimeProvider clock, int year, int? number, Language language, CancellationToken cancellationToken)
    {
        var texts = FactSheetTexts.For(language);
        var tag = language.Tag();
        var versions = await publisher.ListAsync(year, cancellationToken);
        var years = await publisher.PublishedYearsAsync(cancellationToken);
        var html = new StringBuilder();
        if (number is not null && versions.Count > 0 && versions[^1].Number > number)
        {
            var latest = versions[^1];
            var note = latest.NoteIn(language) is { } text ? $": {Encode(text)}" : "";
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"superseded\" role=\"note\"><strong>{Encode(texts.Format("superseded",
                ("version", latest.Number), ("date", texts.Date(DateOnly.FromDateTime(latest.PublishedAtUtc)))))}</strong>{note} ")
                .Append(CultureInfo.InvariantCulture, $"<a href=\"/factsheet/{year}/v{latest.Number}/{tag}\">{Encode(texts.Format("readVersion", ("version", latest.Number)))}</a></p>");
        }
        if (versions.Count > 0 || years.Count > 1)
        {
            html.Append(CultureInfo.InvariantCulture, $"<nav class=\"standing meta\" aria-label=\"{Encode(texts["versionsAndYears"])}\">");
            if (versions.Count > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"{Encode(texts.Format("versionsOf", ("year", year)))} ");
                html.AppendJoin(" · ", versions.Select(v =>
                    $"<a href=\"/factsheet/{year}/v{v.Number}/{tag}\"{(v.Number == number ? " aria-current=\"page\"" : "")}>"
                    + $"{Encode(texts.Format("versionOn", ("version", v.Number), ("date", texts.Date(DateOnly.FromDateTime(v.PublishedAtUtc)))))}</a>"));
            }
            var others = years.Where(y => y != year).Order().ToList();
            if (others.Count > 0)
            {
                if (versions.Count > 0) html.Append("<br>");
                html.Append(CultureInfo.InvariantCulture, $"{Encode(texts["otherYears"])} ");
                html.AppendJoin(" · ", others.Select(y => $"<a href=\"/factsheet/{y}/{tag}\">{y}</a>"));
            }
            html.Append("</nav>");
        }
        return new FactSheetStanding(html.ToString(), number is null ? "" : " " + Encode(texts.Format("accessed", ("date", texts.Date(Today.Of(clock))))));
    }

    public byte[] Fill(byte[] page) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(page).Replace(Marker, block).Replace(AccessedMarker, accessed));

    // Albanian and Serbian letters stay letters, as in the rest of the page, not character references.
    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder =
        System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string Encode(string text) => Encoder.Encode(text);
}
