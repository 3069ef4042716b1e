using McscMonitor.Data;
using McscMonitor.Publications;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.FollowUp;

/// <summary>The gaps a municipality's published sheet named for a year: what a recommendation may answer.</summary>
internal static class PublishedGaps
{
    /// <summary>The rule ids of the latest published version's gaps; null when the year is not published.</summary>
    public static async Task<IReadOnlyList<string>?> OfAsync(McscDbContext db, string municipalityCode, int year, CancellationToken cancellationToken)
    {
        var published = await db.Publications.AsNoTracking().Where(p => p.Year == year).OrderByDescending(p => p.Number)
            .SelectMany(p => p.Files.Where(f => f.Language == "en" && f.Name == PublicationFiles.IndicatorsJson)).FirstOrDefaultAsync(cancellationToken);
        if (published is null) return null;
        return System.Text.Json.Nodes.JsonNode.Parse(published.Content)!["municipalities"]!.AsArray()
            .FirstOrDefault(m => m!["code"]!.GetValue<string>() == municipalityCode)?["gaps"]!.AsArray()
            .Select(g => g!["rule"]!.GetValue<string>()).ToList() ?? [];
    }

    /// <summary>A rule by the name the sheet gives it in the reader's language.</summary>
    public static string RuleName(string rule, Core.Domain.Language language) =>
        FactSheet.FactSheetTexts.For(language) is var texts && texts.Keys.Contains($"rule.{rule}") ? texts[$"rule.{rule}"] : rule;
}
