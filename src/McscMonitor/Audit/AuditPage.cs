using McscMonitor.Audit.Pages;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Records;
using McscMonitor.Data;
using McscMonitor.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Audit;

public sealed record AuditFilter(string? Entity, string? Actor, DateOnly? From, DateOnly? To, int Page = 1);

/// <summary>The audit trail, read-only, for admins and monitors.</summary>
internal static class AuditPageEndpoint
{
    public const int PageSize = 100;

    public static IEndpointRouteBuilder MapAuditPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/audit", ShowAsync).RequireAuthorization(policy => policy.RequireRole(Roles.Admin, Roles.Monitor))
            .ExcludeFromDescription();
        return routes;
    }

    /// <summary>Dates outside the years records may have, and pages past any real trail, are mistakes, not queries.</summary>
    private static string? Invalid(AuditFilter filter)
    {
        foreach (var date in new[] { filter.From, filter.To })
            if (date is { Year: < RecordRules.FirstYear or > RecordRules.LastYear } outside)
                return Messages.Format("dateOutOfRange", ("value", IsoDate.Text(outside)), ("first", RecordRules.FirstYear), ("last", RecordRules.LastYear));
        return filter.Page is < 1 or > RecordQuery.LastPage
            ? Messages.Format("pageOutOfRange", ("last", RecordQuery.LastPage), ("size", PageSize))
            : null;
    }

    private static async Task<Results<RazorComponentResult<AuditView>, ProblemHttpResult>> ShowAsync(
        [AsParameters] AuditFilter filter, McscDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        if (Invalid(filter) is { } problem) return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Entity)) entries = entries.Where(e => e.Entity == filter.Entity);
        if (!string.IsNullOrWhiteSpace(filter.Actor)) entries = entries.Where(e => e.Actor.Contains(filter.Actor));
        if (filter.From is { } from) entries = entries.Where(e => e.OccurredAtUtc >= from.ToDateTime(TimeOnly.MinValue));
        if (filter.To is { } to) entries = entries.Where(e => e.OccurredAtUtc < to.AddDays(1).ToDateTime(TimeOnly.MinValue));

        var page = filter.Page;
        var total = await entries.CountAsync(cancellationToken);
        var shown = await entries.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var entities = await db.AuditEntries.Select(e => e.Entity).Distinct().OrderBy(e => e).ToListAsync(cancellationToken);
        return new RazorComponentResult<AuditView>(new
        {
            Entries = shown, Total = total, Filter = filter with { Page = page }, Entities = entities,
        });
    }
}
