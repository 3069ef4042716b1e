using System.Text.Json;
using McscMonitor.Data;
using McscMonitor.Indicators;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Publications;

/// <summary>What a check of a published version found: each finding in words, and whether everything still matches.</summary>
public sealed record Verification(int Year, int Number, IReadOnlyList<string> Findings, bool Matches);

/// <summary>
/// Checks a published version against what it says of itself: each stored file against the
/// SHA-256 taken when it was published, and (for the latest version, the one the records are
/// meant to stand behind) the year's records as they are now against the records checksum.
/// </summary>
public sealed class PublicationVerifier(McscDbContext db, Publisher publisher, Core.Rules.Rulebook rulebook)
{
    /// <summary>The version checked, or null when the year (or that version of it) was never published.</summary>
    public async Task<Verification?> VerifyAsync(int year, int? number, CancellationToken cancellationToken = default)
    {
        var versions = await db.Publications.AsNoTracking().Where(p => p.Year == year).OrderBy(p => p.Number).ToListAsync(cancellationToken);
        var version = number is null ? versions.LastOrDefault() : versions.FirstOrDefault(p => p.Number == number);
        if (version is null) return null;
        var files = await db.PublicationFiles.AsNoTracking().Where(f => f.PublicationId == version.Id)
            .OrderBy(f => f.Language).ThenBy(f => f.Name).ToListAsync(cancellationToken);

        var findings = new List<string>();
        var matches = true;
        var altered = files.Where(f => f.Sha256.Length > 0 && Publisher.Sha256Of(f.Content) != f.Sha256).ToList();
        var unrecorded = files.Count(f => f.Sha256.Length == 0);
        if (altered.Count > 0)
        {
            matches = false;
            findings.Add($"{altered.Count} of {files.Count} stored files no longer match the SHA-256 taken when version {version.Number} was published: "
                + string.Join(", ", altered.Select(f => $"{f.Language}/{f.Name}")) + ".");
        }
        else findings.Add($"All {files.Count - unrecorded} stored files match the SHA-256 taken when version {version.Number} was published.");
        if (unrecorded > 0) findings.Add($"{unrecorded} files were published before digests were kept, so they cannot be checked.");

        var latest = versions[^1];
        if (version.Number != latest.Number)
            findings.Add($"Version {version.Number} was superseded by version {latest.Number} on {latest.PublishedAtUtc:yyyy-MM-dd}; "
                + "the records are checked against the latest version.");
        else
        {
            var now = await publisher.RecordsDigestAsync(year, cancellationToken);
            if (now.Total == version.SourceChecksum)
                findings.Add($"The records of {year} still match the records checksum of version {version.Number} ({version.SourceChecksum}).");
            else
            {
                matches = false;
                var published = PublishedTableDigests(files);
                var changed = published is null ? [] : now.Tables.Keys.Union(published.Keys)
                    .Where(table => now.Tables.GetValueOrDefault(table) != published.GetValueOrDefault(table)).Order().ToList();
                findings.Add($"The records of {year} no longer match version {version.Number}: the checksum was {version.SourceChecksum}, it is now {now.Total}"
                    + (changed.Count > 0 ? $"; the tables that differ: {string.Join(", ", changed)}." : "."));
            }
        }

        if (version.RulebookDigest.Length > 0 && version.RulebookDigest != rulebook.Digest)
            findings.Add($"The rulebook in force now ({rulebook.Digest}) is not the one version {version.Number} was computed with ({version.RulebookDigest}); "
                + "its figures are as that rulebook gave them.");
        return new Verification(year, version.Number, findings, matches);
    }

    /// <summary>The per-table digests the version's English indicators carry; null for a version published before they were kept.</summary>
    private static IReadOnlyDictionary<string, string>? PublishedTableDigests(IEnumerable<PublicationFile> files) =>
        files.FirstOrDefault(f => f.Language == "en" && f.Name == PublicationFiles.IndicatorsJson) is { } json
            ? JsonSerializer.Deserialize<IndicatorsDocument>(json.Content, IndicatorsDocument.JsonOptions)?.Publication?.Records
            : null;
}
