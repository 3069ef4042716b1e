using System.Globalization;
using System.Text;
using CsvHelper;
using McscMonitor.Audit.Pages;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Records;
using McscMonitor.Users;
using McscMonitor.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Audit;

/// <param name="Views">Include who viewed or exported member lists: recorded always, shown on asking, so that the changes are not buried under them.</param>
public sealed record AuditFilter(string? Municipality, string? Entity, string? Actor, DateOnly? From, DateOnly? To, int Page = 1, bool Views = false)
{
    /// <summary>The filter as a query string, for the next page and the CSV link.</summary>
    public string Query(int? page = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        Add("municipality", Municipality);
        Add("entity", Entity);
        Add("actor", Actor);
        Add("from", IsoDate.Text(From));
        Add("to", IsoDate.Text(To));
        if (Views) Add("views", "true");
        if (page is { } number) Add("page", number.ToString(CultureInfo.InvariantCulture));
        return string.Join("&", parts);
    }
}

/// <summary>What the audit page shows: one page of entries in words, and what the filters can choose from.</summary>
public sealed record AuditPageModel(
    IReadOnlyList<AuditLine> Lines, int Total, AuditFilter Filter, IReadOnlyList<(string Value, string Label)> Entities,
    IReadOnlyList<(string Value, string Label)> Municipalities);

/// <summary>The audit trail, read-only, for admins and monitors: on a page, and as CSV.</summary>
internal static class AuditPageEndpoint
{
    public const int PageSize = 100;

    /// <summary>How many entries the CSV describes at a time, so a long trail streams in bounded memory.</summary>
    private const int CsvChunk = 500;

    public static IEndpointRouteBuilder MapAuditPage(this IEndpointRouteBuilder routes)
    {
        var audit = routes.MapGroup("").RequireAuthorization(policy => policy.RequireRole(Roles.Admin, Roles.Monitor)).ExcludeFromDescription();
        audit.MapGet("/audit", ShowAsync);
        audit.MapGet("/audit.csv", CsvAsync);
        return routes;
    }

    /// <summary>Dates outside the years records may have, and pages past any real trail, are mistakes, not queries.</summary>
    private static string? Invalid(AuditFilter filter)
    {
        foreach (var date in new[] { filter.From, filter.To })
            if (date is { Year: < YearBounds.First or > YearBounds.Last } outside)
                return Messages.Format("dateOutOfRange", ("value", IsoDate.Text(outside)), ("first", YearBounds.First), ("last", YearBounds.Last));
        return filter.Page is < 1 or > RecordQuery.LastPage
            ? Messages.Format("pageOutOfRange", ("last", RecordQuery.LastPage), ("size", PageSize))
            : null;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static IQueryable<AuditEntry> Filtered(McscDbContext db, AuditFilter filter)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Municipality)) entries = entries.Where(e => e.MunicipalityCode == filter.Municipality);
        if (!string.IsNullOrWhiteSpace(filter.Entity)) entries = entries.Where(e => e.Entity == filter.Entity);
        else if (!filter.Views) entries = entries.Where(e => e.Entity != AuditTrail.MemberList);
        if (!string.IsNullOrWhiteSpace(filter.Actor)) entries = entries.Where(e => e.Actor.Contains(filter.Actor));
        if (filter.From is { } from) entries = entries.Where(e => e.OccurredAtUtc >= from.ToDateTime(TimeOnly.MinValue));
        if (filter.To is { } to) entries = entries.Where(e => e.OccurredAtUtc < to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        return entries;
    }

    private static async Task<Results<RazorComponentResult<AuditView>, ProblemHttpResult>> ShowAsync(
        [AsParameters] AuditFilter filter, McscDbContext db, CancellationToken cancellationToken)
    {
        if (Invalid(filter) is { } problem) return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        var texts = UiTexts.Current;
        var entries = Filtered(db, filter);
        var total = await entries.CountAsync(cancellationToken);
        var shown = await entries.OrderByDescending(e => e.Id).Skip((filter.Page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        // Entries about members show their names, communities and religions: who read them is recorded too.
        if (shown.Count(e => e.Entity == nameof(Member)) is > 0 and var members)
            await db.AuditMemberAccessAsync("view", NullIfEmpty(filter.Municipality), members, cancellationToken);
        var entities = await db.AuditEntries.Select(e => e.Entity).Distinct().ToListAsync(cancellationToken);
        var municipalities = await db.Municipalities.AsNoTracking().ToListAsync(cancellationToken);
        var byName = StringComparer.Create(texts.Culture, ignoreCase: true);
        return PageResult.For<AuditView, AuditPageModel>(new AuditPageModel(
                await AuditDescriptions.DescribeAsync(shown, db, texts, cancellationToken),
                total,
                filter,
                entities.Select(e => (e, texts.Keys.Contains($"audit.entity.{e}") ? texts[$"audit.entity.{e}"] : e)).OrderBy(e => e.Item2, byName).ToList(),
                municipalities.Select(m => (m.Code, m.Name(texts.Language))).OrderBy(m => m.Item2, byName).ToList()));
    }

    /// <summary>The filtered entries, newest first, in the reader's language, with each raw change set in the last column.</summary>
    private static async Task<IResult> CsvAsync([AsParameters] AuditFilter filter, McscDbContext db, HttpResponse response, CancellationToken cancellationToken)
    {
        if (Invalid(filter) is { } problem) return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        var texts = UiTexts.Current;
        if (await Filtered(db, filter).CountAsync(e => e.Entity == nameof(Member), cancellationToken) is > 0 and var members)
            await db.AuditMemberAccessAsync("export", NullIfEmpty(filter.Municipality), members, cancellationToken);
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"audit-trail.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var header in new[] { "audit.when", "audit.who", "audit.what", "audit.record", "audit.municipality", "audit.changes", "audit.raw" })
            csv.WriteField(texts[header]);
        await csv.NextRecordAsync();

        var entries = Filtered(db, filter);
        long? before = null;
        while (true)
        {
            var chunk = await entries.Where(e => before == null || e.Id < before)
                .OrderByDescending(e => e.Id).Take(CsvChunk).ToListAsync(cancellationToken);
            if (chunk.Count == 0) break;
            foreach (var line in await AuditDescriptions.DescribeAsync(chunk, db, texts, cancellationToken))
            {
                foreach (var cell in new[]
                {
                    line.Entry.OccurredAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), line.Entry.Actor, line.Action,
                    line.Subject, line.Municipality ?? "", line.ChangesText, line.Entry.Changes,
                })
                    csv.WriteField(Import.FormulaCells.Neutralize(cell));
                await csv.NextRecordAsync();
            }
            before = chunk[^1].Id;
        }
        return TypedResults.Empty;
    }
}
