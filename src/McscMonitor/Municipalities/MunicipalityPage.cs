using System.Security.Claims;
using McscMonitor.Audit;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Indicators;
using McscMonitor.Data;
using McscMonitor.Indicators;
using McscMonitor.ReferenceData;
using McscMonitor.Users;
using McscMonitor.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Municipalities;

/// <summary>Everything recorded about one municipality's council, for the people allowed to see it.</summary>
public sealed record MunicipalityRecord(
    Municipality Municipality,
    int Year,
    Council? Council,
    IReadOnlyList<Member> ServingMembers,
    IReadOnlyList<Meeting> Meetings,
    WorkPlan? WorkPlan,
    Compensation? Compensation,
    MunicipalityIndicators Indicators,
    IReadOnlyList<MunicipalityIndicators> History,
    IReadOnlyList<int> YearLinks,
    string? Notice = null,
    Approvals.Approval? Approval = null,
    IReadOnlyList<Core.Approval.DueItem>? Due = null,
    IReadOnlyList<Recommendation>? Recommendations = null,
    bool CanRecommend = false,
    Attachments.EvidenceSummary? Evidence = null,
    ILookup<(string Path, int Id), Attachments.Attachment>? Files = null)
{
    /// <summary>The files attached to one of the page's records.</summary>
    public IEnumerable<Attachments.Attachment> FilesOf(string path, int id) => Files?[(path, id)] ?? [];
}

internal static class MunicipalityPageEndpoint
{
    public const int HistoryYears = 5;

    public static IEndpointRouteBuilder MapMunicipalityPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/municipalities/{code}", ShowAsync).RequireAuthorization(RecordAccess.Policy).ExcludeFromDescription();
        return routes;
    }

    private static async Task<Results<RazorComponentResult<MunicipalityView>, NotFound, ForbidHttpResult>> ShowAsync(
        string code, int? year, string? changed, McscDbContext db, IndicatorQuery query, ClaimsPrincipal user, TimeProvider clock,
        Approvals.ApprovalWorkflow workflow, StaffYears staffYears, CancellationToken cancellationToken)
    {
        var (years, shownYear) = await staffYears.ChooseAsync(year, cancellationToken);
        var yearEnd = new DateOnly(shownYear, 12, 31);
        // The page shows this year and the four before it: the municipality, its council and those
        // years' compensation and approvals (at most five of each) in one statement.
        var firstYear = shownYear - HistoryYears + 1;
        var found = await db.Municipalities.AsNoTracking().Where(m => m.Code == code)
            .Select(m => new
            {
                Municipality = m,
                Council = db.Councils.FirstOrDefault(c => c.MunicipalityCode == m.Code),
                Compensation = db.Compensation.Where(c => c.MunicipalityCode == m.Code && c.Year >= firstYear && c.Year <= shownYear).ToList(),
                Approvals = db.Approvals.Where(a => a.MunicipalityCode == m.Code && a.Year >= firstYear && a.Year <= shownYear).ToList(),
            })
            .AsSingleQuery()
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null) return TypedResults.NotFound();
        if (!RecordAccess.CanAccess(user, code)) return TypedResults.Forbid();
        var (municipality, council, compensations, approvals) = (found.Municipality, found.Council, found.Compensation, found.Approvals);
        if (council is not null)
        {
            var windowStart = new DateOnly(firstYear, 1, 1);
            council.Members = await db.Members.AsNoTracking().Where(m => m.CouncilId == council.Id).ToListAsync(cancellationToken);
            council.Meetings = await db.Meetings.AsNoTracking()
                .Where(m => m.CouncilId == council.Id && m.Date >= windowStart && m.Date <= yearEnd).ToListAsync(cancellationToken);
            council.WorkPlans = await db.WorkPlans.AsNoTracking()
                .Where(w => w.CouncilId == council.Id && w.Year >= firstYear && w.Year <= shownYear).ToListAsync(cancellationToken);
        }
        // Member names, communities and religions are personal data of a special category: who looked is recorded.
        if (council?.Members.Count > 0) await db.AuditMemberAccessAsync("view", code, council.Members.Count, cancellationToken);
        var compensation = compensations.FirstOrDefault(c => c.Year == shownYear);
        var approval = approvals.FirstOrDefault(a => a.Year == shownYear);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var files = (await db.Attachments.AsNoTracking().Where(a => a.MunicipalityCode == code).OrderBy(a => a.Id).ToListAsync(cancellationToken))
            .ToLookup(a => (a.RecordPath, a.RecordId));
        var workPlan = council?.WorkPlans.FirstOrDefault(w => w.Year == shownYear);
        // The year's records that call for a document, from what the page has read already.
        var evidence = Attachments.EvidenceQuery.Summarize(
            (council is not null && council.IsEstablishedIn(shownYear) ? [Attachments.EvidenceQuery.Council(council.Id, council.EstablishedOn, shownYear)] : Array.Empty<Attachments.RecordWithoutEvidence>())
                .Concat(council?.Meetings.Where(m => m.Date.Year == shownYear && m.Status == MeetingStatus.Held).OrderBy(m => m.Date)
                    .Select(m => Attachments.EvidenceQuery.Meeting(m.Id, m.Date)) ?? [])
                .Concat(workPlan is null ? [] : [Attachments.EvidenceQuery.WorkPlan(workPlan.Id, shownYear)])
                .Concat(compensation is null ? [] : [Attachments.EvidenceQuery.Compensation(compensation.Id, shownYear)]),
            files.Select(group => group.Key).ToHashSet());
        var history = query.History(municipality, council, compensations,
            approvals.Where(a => a.State != Core.Approval.ApprovalState.Draft).Select(a => a.Year).ToHashSet(),
            Enumerable.Range(firstYear, HistoryYears), UiTexts.Current.Language);

        return PageResult.For<MunicipalityView, MunicipalityRecord>(new MunicipalityRecord(
                municipality,
                shownYear,
                council,
                council?.Members.Where(m => m.IsServingOn(yearEnd)).OrderBy(m => m.Role).ThenBy(m => m.MemberRef).ToList() ?? [],
                council?.Meetings.Where(m => m.Date.Year == shownYear).OrderBy(m => m.Date).ToList() ?? [],
                workPlan,
                compensation,
                history[^1],
                history,
                years,
                Codes<PageNotice>.TryParse(changed, out var notice) ? notice switch
                {
                    PageNotice.Majority => UiTexts.Current.Format("majority.changed", ("name", municipality.Name(UiTexts.Current.Language)),
                        ("community", ReferenceCatalog.CommunityName(municipality.MajorityCommunity, UiTexts.Current.Language))),
                    PageNotice.Erased => UiTexts.Current["member.erased"],
                    PageNotice.Saved => UiTexts.Current["form.saved"],
                    PageNotice.RecommendationSaved => UiTexts.Current["recommendation.saved"],
                    PageNotice.Deleted => UiTexts.Current["form.deleted"],
                } : null,
                approval,
                // What needs doing: for the year in progress only.
                shownYear == today.Year ? (await workflow.DueAsync([history[^1]], today, cancellationToken))[code] : null,
                await db.Recommendations.AsNoTracking().Where(r => r.MunicipalityCode == code)
                    .OrderByDescending(r => r.Year).ThenBy(r => r.Id).ToListAsync(cancellationToken),
                // A recommendation answers a gap of a published sheet, and monitors and admins make them: offered only where it can succeed.
                (user.IsInRole(Users.Roles.Admin) || user.IsInRole(Users.Roles.Monitor))
                    && await db.Publications.AnyAsync(p => p.Year == shownYear, cancellationToken),
                evidence,
                files));
    }
}
