using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using McscMonitor.Approvals;
using McscMonitor.Audit;
using McscMonitor.Core.Approval;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Export;
using McscMonitor.FactSheet;
using McscMonitor.Indicators;
using McscMonitor.ReferenceData;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Publications;

/// <param name="Raced">Refused because another publication or a change of the year's records got there first (a 409, not a 422).</param>
public sealed record PublishResult(Publication? Publication, string? Refusal, bool Raced = false);

/// <summary>A figure of the latest version that the records no longer give.</summary>
public sealed record ChangedFigure(string Municipality, string Figure, string Published, string Now);

/// <summary>
/// Publishing a year's fact sheet: every municipality verified (or a stated reason), the
/// verified years locked, and everything rendered once, in every language, into an immutable
/// version that is served byte for byte from then on.
/// </summary>
public sealed class Publisher(
    McscDbContext db, ApprovalWorkflow approvals, FactSheetBuilder builder, IndicatorQuery query, Exporter exporter, AuditActor actor, TimeProvider clock)
{
    /// <summary>
    /// Renders first, then locks and saves in one transaction: either the year is locked and its
    /// version stored, or neither (a failure or a kill while rendering leaves nothing behind).
    /// The transaction holds the closed-years lock and checks that nothing the version was
    /// rendered from changed meanwhile; a record written into the year while rendering sends it
    /// round again, another publication of the year first is a conflict.
    /// </summary>
    public async Task<PublishResult> PublishAsync(int year, string? note, string? unverifiedReason, CancellationToken cancellationToken = default)
    {
        foreach (var text in new[] { note, unverifiedReason })
            if (RecordRules.Text(text, TextLimits.Reason) is { } problem) return new PublishResult(null, problem);
        if (!(await query.YearsWithDataAsync(cancellationToken)).Contains(year))
            return new PublishResult(null, Messages.Format("publishNoRecords", ("year", year)));
        for (var attempt = 1; ; attempt++)
        {
            var result = await TryPublishAsync(year, note, unverifiedReason, cancellationToken);
            if (result is not null) return result;
            if (attempt == MaxAttempts) return new PublishResult(null, Messages.Format("publishRecordsChanging", ("year", year)), Raced: true);
        }
    }

    private const int MaxAttempts = 3;

    /// <summary>One attempt; null when the year's records changed while it was rendered.</summary>
    private async Task<PublishResult?> TryPublishAsync(int year, string? note, string? unverifiedReason, CancellationToken cancellationToken)
    {
        var renderedFrom = await YearVersions.OfYearAsync(db, year, cancellationToken);
        var statuses = await approvals.StatusAsync(year, cancellationToken);
        var unverified = statuses.Where(s => s.State is ApprovalState.Draft or ApprovalState.Submitted).Select(s => s.MunicipalityCode).ToList();
        if (unverified.Count > 0 && string.IsNullOrWhiteSpace(unverifiedReason))
            return new PublishResult(null, Messages.Format("publishUnverified", ("count", unverified.Count),
                ("names", string.Join(", ", unverified.Select(code => NameOf(code, Messages.Current.Language))))));
        var previous = await LatestNumberAsync(year, cancellationToken);
        if (previous > 0 && string.IsNullOrWhiteSpace(note))
            return new PublishResult(null, Messages.Format("publishNoteRequired", ("version", previous + 1)));

        var publishedOn = clock.GetUtcNow().UtcDateTime;
        var withheld = await WithheldBeforeAsync(year, cancellationToken);
        var (files, rulebook) = await RenderAsync(year, previous + 1, publishedOn, note, unverified, withheld, cancellationToken);
        var publication = new Publication
        {
            Year = year, Number = previous + 1, PublishedAtUtc = publishedOn, PublishedBy = actor.Name,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            UnverifiedReason = unverified.Count > 0 ? unverifiedReason!.Trim() : null,
            UnverifiedMunicipalities = string.Join(",", unverified),
            RulebookVersion = rulebook, SourceChecksum = await ChecksumAsync(year, cancellationToken), Files = files,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ClosedYears.EnterStateChangeAsync(db, cancellationToken);
        if (await LatestNumberAsync(year, cancellationToken) is var latest && latest != previous)
            return new PublishResult(null, Messages.Format("publishRaced", ("year", year), ("version", latest)), Raced: true);
        if (await YearVersions.OfYearAsync(db, year, cancellationToken) != renderedFrom) return null;
        foreach (var verified in statuses.Where(s => s.State == ApprovalState.Verified))
            await approvals.ActAsync(verified.MunicipalityCode, year, ApprovalAction.Lock, ApprovalRole.Admin, null, cancellationToken);
        db.Publications.Add(publication);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PublishResult(publication, null);
    }

    /// <summary>
    /// The municipalities whose community figures any published version of the year withheld:
    /// a later version keeps them withheld, so that two versions cannot be set side by side to
    /// work out what the first one hid.
    /// </summary>
    public async Task<IReadOnlySet<string>> WithheldBeforeAsync(int year, CancellationToken cancellationToken)
    {
        var documents = await db.Publications.AsNoTracking().Where(p => p.Year == year)
            .SelectMany(p => p.Files.Where(f => f.Language == "en" && f.Name == "indicators.json")).Select(f => f.Content).ToListAsync(cancellationToken);
        return documents
            .SelectMany(content => System.Text.Json.JsonSerializer.Deserialize<IndicatorsDocument>(content, IndicatorsDocument.JsonOptions)!.Municipalities)
            .Where(m => m.Members is { } members && (members.WithheldBelow is not null || members.CommunitiesWithheld))
            .Select(m => m.Code).ToHashSet();
    }

    private async Task<int> LatestNumberAsync(int year, CancellationToken cancellationToken) =>
        await db.Publications.AsNoTracking().Where(p => p.Year == year).MaxAsync(p => (int?)p.Number, cancellationToken) ?? 0;

    /// <summary>Every file of a version, in every language: the page, the PDF, the indicators and each chart.</summary>
    private async Task<(List<PublicationFile> Files, string Rulebook)> RenderAsync(
        int year, int number, DateTime publishedOn, string? note, IReadOnlyList<string> unverified, IReadOnlySet<string> withheld,
        CancellationToken cancellationToken)
    {
        var files = new List<PublicationFile>();
        var rulebook = "";
        foreach (var language in Languages.All)
        {
            var stamp = new PublicationStamp(number, DateOnly.FromDateTime(publishedOn), note?.Trim(),
                unverified.Select(code => NameOf(code, language)).ToList());
            var model = await builder.BuildAsync(year, language, stamp, withheldBefore: withheld, cancellationToken: cancellationToken);
            rulebook = model.RulebookVersion;
            var tag = language.Tag();
            files.Add(File(tag, "page.html", "text/html; charset=utf-8", Encoding.UTF8.GetBytes(await FactSheetHtml.RenderAsync(model, standalone: false))));
            files.Add(File(tag, "sheet.pdf", "application/pdf", FactSheetPdf.Render(model)));
            var indicators = IndicatorsDocument.From(model.Current, model.Illustrative);
            files.Add(File(tag, "indicators.json", "application/json; charset=utf-8", Encoding.UTF8.GetBytes(indicators.ToJson())));
            foreach (var chart in ChartFiles.Ids)
            {
                files.Add(File(tag, $"{chart}.svg", "image/svg+xml", ChartFiles.Render(model, $"{chart}.svg")));
                files.Add(File(tag, $"{chart}.png", "image/png", ChartFiles.Render(model, $"{chart}.png")));
                files.Add(File(tag, $"{chart}.csv", "text/csv; charset=utf-8", ChartFiles.Render(model, $"{chart}.csv")));
            }
        }
        return (files, rulebook);
    }

    /// <summary>The latest version of a year, or null when it was never published.</summary>
    public Task<Publication?> LatestAsync(int year, CancellationToken cancellationToken = default) =>
        db.Publications.AsNoTracking().Where(p => p.Year == year).OrderByDescending(p => p.Number).FirstOrDefaultAsync(cancellationToken);

    public Task<PublicationFile?> FileAsync(int year, int? number, string language, string name, CancellationToken cancellationToken = default) =>
        db.Publications.AsNoTracking().Where(p => p.Year == year && (number == null || p.Number == number))
            .OrderByDescending(p => p.Number)
            .SelectMany(p => p.Files.Where(f => f.Language == language && f.Name == name))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Years with at least one published version, newest first.</summary>
    public async Task<IReadOnlyList<int>> PublishedYearsAsync(CancellationToken cancellationToken = default) =>
        await db.Publications.AsNoTracking().Select(p => p.Year).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken);

    /// <summary>The indicators as published in the latest version of a year, in a language; null when never published.</summary>
    public async Task<IndicatorsDocument?> PublishedIndicatorsAsync(int year, Language language, CancellationToken cancellationToken = default) =>
        await FileAsync(year, null, language.Tag(), "indicators.json", cancellationToken) is { } file
            ? System.Text.Json.JsonSerializer.Deserialize<IndicatorsDocument>(file.Content, IndicatorsDocument.JsonOptions)
            : null;

    public async Task<IReadOnlyList<Publication>> ListAsync(int? year, CancellationToken cancellationToken = default) =>
        await db.Publications.AsNoTracking().Where(p => year == null || p.Year == year)
            .OrderBy(p => p.Year).ThenBy(p => p.Number).ToListAsync(cancellationToken);

    /// <summary>The figures of the latest version of a year that the records give differently now.</summary>
    public async Task<IReadOnlyList<ChangedFigure>> ChangesSinceAsync(Publication publication, Language language, CancellationToken cancellationToken = default)
    {
        var file = await FileAsync(publication.Year, publication.Number, language.Tag(), "indicators.json", cancellationToken);
        if (file is null) return [];
        var published = System.Text.Json.Nodes.JsonNode.Parse(file.Content)!["municipalities"]!.AsArray();
        var now = System.Text.Json.Nodes.JsonNode.Parse(IndicatorsDocument.From(
            query.ForPublication(await query.ComputeAsync(publication.Year, language, cancellationToken), await WithheldBeforeAsync(publication.Year, cancellationToken)),
            illustrative: false).ToJson())!["municipalities"]!.AsArray();
        var changes = new List<ChangedFigure>();
        foreach (var (before, after) in published.Zip(now))
        {
            var name = NameOf(before!["code"]!.GetValue<string>(), language);
            foreach (var figure in new[] { "councilEstablished", "meetingsHeld", "meetsRequiredMinimum", "meetingsDiscussingSecurityOrNonMajority", "workPlanAddressesNonMajority", "compensatesMembers", "members" })
            {
                var was = before[figure]?.ToJsonString() ?? "null";
                var @is = after![figure]?.ToJsonString() ?? "null";
                if (was != @is) changes.Add(new ChangedFigure(name, figure, was, @is));
            }
        }
        return changes;
    }

    private async Task<string> ChecksumAsync(int year, CancellationToken cancellationToken)
    {
        var tables = await exporter.ExportAsync(year, null, cancellationToken);
        var text = string.Join("\n", tables.Select(t => t.Name + "\n" + string.Join("\n", t.Rows.Select(r => string.Join(",", r.Cells)))));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
    }

    private static PublicationFile File(string language, string name, string contentType, byte[] content) =>
        new() { Language = language, Name = name, ContentType = contentType, Content = content };

    private static string NameOf(string code, Language language) =>
        ReferenceCatalog.Municipalities.FirstOrDefault(m => m.Code == code)?.Name(language) ?? code;

    public static string Number(int number) => number.ToString(CultureInfo.InvariantCulture);
}
