using System.Security.Claims;
using McscMonitor.Core.Domain;
using McscMonitor.Data;
using McscMonitor.FollowUp.Pages;
using McscMonitor.ReferenceData;
using McscMonitor.Users;
using McscMonitor.Web;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.FollowUp;

public sealed record FollowUpFilter(string? Region, string? Institution, string? Status, bool Overdue = false);

public sealed record FollowUpModel(FollowUpFilter Filter, IReadOnlyList<Recommendation> Recommendations, DateOnly Today);

/// <summary>The recommendations still to act on, across municipalities, filtered by region, institution, status and due date.</summary>
internal static class FollowUpPage
{
    public static IEndpointRouteBuilder MapFollowUp(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/follow-up", async ([AsParameters] FollowUpFilter filter, McscDbContext db, ClaimsPrincipal user, TimeProvider clock,
                CancellationToken cancellationToken) =>
            {
                var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
                var rows = db.Recommendations.AsNoTracking();
                if (RecordAccess.OnlyMunicipality(user) is { } own) rows = rows.Where(r => r.MunicipalityCode == own);
                if (Codes<Institution>.TryParse(filter.Institution, out var institution)) rows = rows.Where(r => r.Institution == institution);
                rows = Codes<RecommendationStatus>.TryParse(filter.Status, out var status)
                    ? rows.Where(r => r.Status == status)
                    : rows.Where(r => r.Status == RecommendationStatus.Open || r.Status == RecommendationStatus.InProgress);
                var list = (await rows.OrderBy(r => r.DueOn).ThenBy(r => r.MunicipalityCode).ToListAsync(cancellationToken))
                    .Where(r => string.IsNullOrEmpty(filter.Region)
                                || ReferenceCatalog.Municipalities.Any(m => m.Code == r.MunicipalityCode && m.RegionCode == filter.Region))
                    .Where(r => !filter.Overdue || r.IsOverdue(today))
                    .ToList();
                return PageResult.For<FollowUpView, FollowUpModel>(new FollowUpModel(filter, list, today));
            })
            .RequireAuthorization(RecordAccess.Policy).ExcludeFromDescription();
        return routes;
    }
}
