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

/// <summary>SHA-256 of a year's records: <paramref name="Total"/> over all tables, and each table's own.</summary>
public sealed record RecordsDigest(string Total, IReadOnlyDictionary<string, string> Tables);

/// <summary>A figure of the latest version that the records no longer give.</summary>
public sealed record ChangedFigure(string Municipality, string Figure, string Published, string Now);

/// <summary>What a new version corrects, in Albanian, Serbian (Latin; the Cyrillic sheet transliterates it) and English.</summary>
public sealed record CorrectionNote(string? Sq, string? Sr, string? En)
{
    public IEnumerable<string?> Texts => [Sq, Sr, En];

    public bool IsComplete => Texts.All(text => !string.IsNullOrWhiteSpace(text));

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public string? In(Language language) => language switch
    {
        Language.Sq => Clean(Sq),
        Language.SrLatn => Clean(Sr),
        Language.SrCyrl => Clean(Sr) is { } latin ? Core.Names.SerbianScript.ToCyrillic(latin) : null,
        _ => Clean(En),
    };
}

/// <summary>
/// Publishing a year's fact sheet: every municipality verified (or a stated reason), the
/// verified years locked, and everything rendered once, in every language, into an immutable
/// version that is served byte for byte from then on.
/// </summary>
public sealed class Publisher(
    McscDbContext db, ApprovalWorkflow approvals, FactSheetBuilder builder, IndicatorQuery query, Exporter exporter, AuditActor actor, TimeProvider clock,
    PublisherOptions publisherOptions, Core.Rules.Rulebook rulebook)
{
    /// <summary>
    /// Renders first, then locks and saves in one transaction: either the year is locked and its
    /// version stored, or neither (a failure or a kill while rendering leaves nothing behind).
    /// The transaction holds the closed-years lock and checks that nothing the version was
    /// rendered from changed meanwhile; a record written into the year while rendering sends it
    /// round again, another publication of the year first is a conflict.
    /// </summary>
    public async Task<PublishResult> PublishAsync(int year, CorrectionNote? note, string? unverifiedReason, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await PublishOnceAsync(year, note, unverifiedReason, cancellationToken);
        if (result.Refusal is null) Web.AppMetrics.PublishDuration.Record(Web.AppMetrics.SecondsSince(started));
        return result;
    }

    private async Task<PublishResult> PublishOnceAsync(int year, CorrectionNote? note, string? unverifiedReason, CancellationToken cancellationToken)
    {
        note ??= new CorrectionNote(null, null, null);
        foreach (var text in note.Texts.Append(unverifiedReason))
            if (RecordRules.Text(text, TextLimits.Reason) is { } problem) return new PublishResult(null, problem);
        if (!(await query.YearsWithDataAsync(cancellationToken)).Contains(year))
            return new PublishResult(null, Messages.Format("publishNoRecords", ("year", year)));
        if (publisherOptions.MissingForPublication is { } setting && !await query.IsIllustrativeAsync(cancellationToken))
            return new PublishResult(null, Messages.Format("publishNeedsPublisher", ("setting", setting)));
        for (var attempt = 1; ; attempt++)
        {
            var result = await TryPublishAsync(year, note, unverifiedReason, cancellationToken);
            if (result is not null) return result;
            if (attempt == MaxAttempts) return new PublishResult(null, Messages.Format("publishRecordsChanging", ("year", year)), Raced: true);
        }
    }

    private const int MaxAttempts = 3;

    /// <summary>One attempt; null when the year's records changed while it was rendered.</summary>
    private async Task<PublishResult?> TryPublishAsync(int year, CorrectionNote note, string? unverifiedReason, CancellationToken cancellationToken)
    {
        var renderedFrom = await YearVersions.OfYearAsync(db, year, cancellationToken);
        var statuses = await approvals.StatusAsync(year, cancellationToken);
        var unverified = statuses.Where(s => s.State is ApprovalState.Draft or ApprovalState.Submitted).Select(s => s.MunicipalityCode).ToList();
        if (unverified.Count > 0 && string.IsNullOrWhiteSpace(unverifiedReason))
            return new PublishResult(null, Messages.Format("publishUnverified", ("count", unverified.Count),
                ("names", string.Join(", ", unverified.Select(code => NameOf(code, Messages.Current.Language))))));
        // Four eyes: whoever publishes is not the only one who verified what is published.
        var verifiers = statuses.Where(s => s.State == ApprovalState.Verified && s.ChangedBy is not null).Select(s => s.ChangedBy!)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (approvals.FourEyes && verifiers.Count > 0 && verifiers.All(v => string.Equals(v, actor.Name, StringComparison.OrdinalIgnoreCase)))
            return new PublishResult(null, Messages.Format("publishFourEyes", ("user", actor.Name)));
        var previous = await LatestAsync(year, cancellationToken);
        if (previous is not null)
        {
            // A new version is a correction: of a figure, or of which municipalities stand verified.
            if ((await ChangesSinceAsync(previous, Language.En, cancellationToken)).Count == 0
                && previous.UnverifiedMunicipalities == string.Join(",", unverified))
                return new PublishResult(null, Messages.Format("publishNothingChanged", ("year", year), ("version", previous.Number)));
            if (!note.IsComplete) return new PublishResult(null, Messages.Format("publishNoteRequired", ("version", previous.Number + 1)));
        }
        var number = (previous?.Number ?? 0) + 1;

        var publishedOn = clock.GetUtcNow().UtcDateTime;
        var withheld = await WithheldBeforeAsync(year, cancellationToken);
        var records = await RecordsDigestAsync(year, cancellationToken);
        var (files, rulebookVersion) = await RenderAsync(year, number, publishedOn, note, unverified, withheld, records, cancellationToken);
        var publication = new Publication
        {
            Year = year, Number = number, PublishedAtUtc = publishedOn, PublishedBy = actor.Name,
            Note = number > 1 ? note.In(Language.En) : null,
            NoteSq = number > 1 ? note.In(Language.Sq) : null,
            NoteSr = number > 1 ? note.In(Language.SrLatn) : null,
            UnverifiedReason = unverified.Count > 0 ? unverifiedReason!.Trim() : null,
            UnverifiedMunicipalities = string.Join(",", unverified),
            RulebookVersion = rulebookVersion, RulebookDigest = rulebook.Digest, SourceChecksum = records.Total, Files = files,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ClosedYears.EnterStateChangeAsync(db, cancellationToken);
        if (await LatestNumberAsync(year, cancellationToken) is var latest && latest != number - 1)
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
            .SelectMany(p => p.Files.Where(f => f.Language == "en" && f.Name == PublicationFiles.IndicatorsJson)).Select(f => f.Content).ToListAsync(cancellationToken);
        return documents
            .SelectMany(content => System.Text.Json.JsonSerializer.Deserialize<IndicatorsDocument>(content, IndicatorsDocument.JsonOptions)!.Municipalities)
            .Where(m => m.Members is { } members && (members.WithheldBelow is not null || members.CommunitiesWithheld))
            .Select(m => m.Code).ToHashSet();
    }

    private async Task<int> LatestNumberAsync(int year, CancellationToken cancellationToken) =>
        await db.Publications.AsNoTracking().Where(p => p.Year == year).MaxAsync(p => (int?)p.Number, cancellationToken) ?? 0;

    /// <summary>Every file of a version, in every language: the page, the PDF, the indicators and each chart.</summary>
    private async Task<(List<PublicationFile> Files, string RulebookVersion)> RenderAsync(
        int year, int number, DateTime publishedOn, CorrectionNote note, IReadOnlyList<string> unverified, IReadOnlySet<string> withheld,
        RecordsDigest records, CancellationToken cancellationToken)
    {
        var files = new List<PublicationFile>();
        var rulebookVersion = "";
        foreach (var language in Languages.All)
        {
            var stamp = new PublicationStamp(number, DateOnly.FromDateTime(publishedOn), note.In(language),
                unverified.Select(code => NameOf(code, language)).ToList())
            {
                RecordsChecksum = records.Total, RecordDigests = records.Tables, RulebookDigest = rulebook.Digest,
            };
            var model = await builder.BuildAsync(year, language, stamp, withheldBefore: withheld, cancellationToken: cancellationToken);
            rulebookVersion = model.RulebookVersion;
            var tag = language.Tag();
            files.Add(File(tag, PublicationFiles.Page, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(await FactSheetHtml.RenderAsync(model, standalone: false))));
            files.Add(File(tag, PublicationFiles.Pdf, "application/pdf", FactSheetPdf.Render(model)));
            var indicators = IndicatorsDocument.From(model.Current, model.Illustrative, model.About);
            files.Add(File(tag, PublicationFiles.IndicatorsJson, "application/json; charset=utf-8", Encoding.UTF8.GetBytes(indicators.ToJson())));
            files.Add(File(tag, PublicationFiles.IndicatorsCsv, "text/csv; charset=utf-8", IndicatorText.CsvFile(indicators)));
            files.Add(File(tag, PublicationFiles.IndicatorsXlsx, IndicatorText.XlsxContentType, IndicatorText.Xlsx(indicators)));
            files.Add(File(tag, PublicationFiles.DataPackage, "application/zip", DataPackage.Zip(indicators, model)));
            foreach (var name in ChartKinds.OfTheSheet.SelectMany(PublicationFiles.Of))
                files.Add(File(tag, name, PublicationFiles.ContentType(name), ChartFiles.Render(model, name)));
        }
        return (files, rulebookVersion);
    }

    /// <summary>The latest version of a year, or null when it was never published.</summary>
    public Task<Publication?> LatestAsync(int year, CancellationToken cancellationToken = default) =>
        db.Publications.AsNoTracking().Where(p => p.Year == year).OrderByDescending(p => p.Number).FirstOrDefaultAsync(cancellationToken);

    public Task<PublicationFile?> FileAsync(int year, int? number, string language, string name, CancellationToken cancellationToken = default) =>
        db.Publications.AsNoTracking().Where(p => p.Year == year && (number == null || p.Number == number))
            .OrderByDescending(p => p.Number)
            .SelectMany(p => p.Files.Where(f => f.Language == language && f.Name == name))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The version number of a stored publication.</summary>
    public Task<int> NumberOfAsync(int publicationId, CancellationToken cancellationToken) =>
        db.Publications.AsNoTracking().Where(p => p.Id == publicationId).Select(p => p.Number).SingleAsync(cancellationToken);

    /// <summary>Each file of a version with its SHA-256 as taken at publication (taken now for a version published before they were kept).</summary>
    public async Task<IReadOnlyList<(string Path, string Sha256)>> DigestsAsync(int year, int number, CancellationToken cancellationToken)
    {
        var files = await db.Publications.AsNoTracking().Where(p => p.Year == year && p.Number == number)
            .SelectMany(p => p.Files.Select(f => new { f.Language, f.Name, f.Sha256 })).ToListAsync(cancellationToken);
        var missing = files.Any(f => f.Sha256.Length == 0)
            ? await db.Publications.AsNoTracking().Where(p => p.Year == year && p.Number == number).SelectMany(p => p.Files)
                .ToDictionaryAsync(f => (f.Language, f.Name), f => Sha256Of(f.Content), cancellationToken)
            : null;
        return files.Select(f => ($"{f.Language}/{f.Name}", f.Sha256.Length > 0 ? f.Sha256 : missing![(f.Language, f.Name)]))
            .OrderBy(f => f.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>Years with at least one published version, newest first.</summary>
    public async Task<IReadOnlyList<int>> PublishedYearsAsync(CancellationToken cancellationToken = default) =>
        await db.Publications.AsNoTracking().Select(p => p.Year).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken);

    /// <summary>The indicators as published in the latest version of a year, in a language; null when never published.</summary>
    public async Task<IndicatorsDocument?> PublishedIndicatorsAsync(int year, Language language, CancellationToken cancellationToken = default) =>
        await FileAsync(year, null, language.Tag(), PublicationFiles.IndicatorsJson, cancellationToken) is { } file
            ? System.Text.Json.JsonSerializer.Deserialize<IndicatorsDocument>(file.Content, IndicatorsDocument.JsonOptions)
            : null;

    public async Task<IReadOnlyList<Publication>> ListAsync(int? year, CancellationToken cancellationToken = default) =>
        await db.Publications.AsNoTracking().Where(p => year == null || p.Year == year)
            .OrderBy(p => p.Year).ThenBy(p => p.Number).ToListAsync(cancellationToken);

    /// <summary>The figures of the latest version of a year that the records give differently now.</summary>
    public async Task<IReadOnlyList<ChangedFigure>> ChangesSinceAsync(Publication publication, Language language, CancellationToken cancellationToken = default)
    {
        var file = await FileAsync(publication.Year, publication.Number, language.Tag(), PublicationFiles.IndicatorsJson, cancellationToken);
        if (file is null) return [];
        var published = System.Text.Json.Nodes.JsonNode.Parse(file.Content)!["municipalities"]!.AsArray();
        var now = System.Text.Json.Nodes.JsonNode.Parse(IndicatorsDocument.From(
            query.ForPublication(await query.ComputeAsync(publication.Year, language, cancellationToken), await WithheldBeforeAsync(publication.Year, cancellationToken)),
            illustrative: false).ToJson())!["municipalities"]!.AsArray();
        var changes = new List<ChangedFigure>();
        var texts = Web.UiTexts.For(language);
        foreach (var (before, after) in published.Zip(now))
        {
            var name = NameOf(before!["code"]!.GetValue<string>(), language);
            foreach (var figure in new[] { "councilEstablished", "meetingsHeld", "meetsRequiredMinimum", "meetingsDiscussingSecurityOrNonMajority", "workPlanAddressesNonMajority", "compensatesMembers", "members" })
            {
                // Compared as the reader reads them: a flag saying a figure stays withheld because an earlier version withheld it changes no figure.
                var (was, @is) = (InWords(before[figure], texts), InWords(after![figure], texts));
                if (was != @is) changes.Add(new ChangedFigure(name, figure, was, @is));
            }
        }
        return changes;
    }

    /// <summary>A published figure as the reader says it: "yes", "4", "no data", "12 members (5 women, 3 non-majority)".</summary>
    private static string InWords(System.Text.Json.Nodes.JsonNode? value, TextCatalog texts) => value switch
    {
        null => texts["noData"],
        System.Text.Json.Nodes.JsonObject members => texts.Format("publications.membersValue",
            ("total", members["total"]?.GetValue<int>() ?? 0), ("women", members["women"]?.GetValue<int>() ?? 0),
            ("nonMajority", members["nonMajority"]?.GetValue<int>() is { } count ? texts.Number(count) : texts["publications.withheld"])),
        _ when value.GetValueKind() == System.Text.Json.JsonValueKind.True => texts["yes"],
        _ when value.GetValueKind() == System.Text.Json.JsonValueKind.False => texts["no"],
        _ when value.GetValueKind() == System.Text.Json.JsonValueKind.Number => texts.Number(value.GetValue<int>()),
        _ => value.ToString(),
    };

    /// <summary>The municipalities of a year not verified now (drafts and submissions), in the order the approvals list them.</summary>
    public async Task<IReadOnlyList<string>> UnverifiedNowAsync(int year, CancellationToken cancellationToken) =>
        (await approvals.StatusAsync(year, cancellationToken)).Where(s => s.State is ApprovalState.Draft or ApprovalState.Submitted)
            .Select(s => s.MunicipalityCode).ToList();

    /// <summary>
    /// SHA-256 of the year's records in the exchange format, as a whole (what every version
    /// stores) and per table (what the indicators JSON carries, so that a check can say which
    /// table no longer matches).
    /// </summary>
    public async Task<RecordsDigest> RecordsDigestAsync(int year, CancellationToken cancellationToken)
    {
        var tables = (await exporter.ExportAsync(year, null, cancellationToken))
            .Select(t => (t.Name, Text: t.Name + "\n" + string.Join("\n", t.Rows.Select(r => string.Join(",", r.Cells))))).ToList();
        return new RecordsDigest(Sha256Of(string.Join("\n", tables.Select(t => t.Text))), tables.ToDictionary(t => t.Name, t => Sha256Of(t.Text)));
    }

    private static string Sha256Of(string text) => Sha256Of(Encoding.UTF8.GetBytes(text));

    public static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static PublicationFile File(string language, string name, string contentType, byte[] content) =>
        new() { Language = language, Name = name, ContentType = contentType, Content = content, Sha256 = Sha256Of(content) };

    private static string NameOf(string code, Language language) =>
        ReferenceCatalog.Municipalities.FirstOrDefault(m => m.Code == code)?.Name(language) ?? code;

    public static string Number(int number) => number.ToString(CultureInfo.InvariantCulture);
}
