using McscMonitor.Core.Approval;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Records;
using McscMonitor.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Municipalities;

public sealed record MajorityCommunityForm(string? Community, string? Current);

/// <summary>
/// An admin changes a municipality's majority community (say, after a census); every
/// non-majority indicator follows. The audit trail records the change in the same save.
/// </summary>
internal static class MajorityCommunityEndpoint
{
    public static IEndpointRouteBuilder MapMajorityCommunity(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/municipalities/{code}/majority-community", async (
                string code, [FromForm] MajorityCommunityForm form, McscDbContext db, CancellationToken cancellationToken) =>
            {
                var municipality = await db.Municipalities.FirstOrDefaultAsync(m => m.Code == code, cancellationToken);
                if (municipality is null) return (IResult)TypedResults.NotFound();
                var fields = new FieldErrors();
                if (fields.Code<Community>("community", form.Community, required: true) is not { } community)
                    return TypedResults.ValidationProblem(fields.Errors);
                // Someone else changed it since the page was shown: theirs stands, and the page shows it.
                if (form.Current != Codes.ToCode(municipality.MajorityCommunity))
                    return TypedResults.LocalRedirect($"/municipalities/{code}");
                municipality.MajorityCommunity = community;
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (Approvals.YearNotEditableException)
                {
                    // Years already declared or published keep the majority their figures were made with.
                    var closed = await db.Approvals.AsNoTracking().Where(a => a.MunicipalityCode == code && a.State != ApprovalState.Draft)
                        .OrderBy(a => a.Year).Select(a => a.Year).ToListAsync(cancellationToken);
                    return TypedResults.Problem(Messages.Format("majorityYearsClosed", ("name", municipality.Name(Messages.Current.Language)),
                        ("years", string.Join(", ", closed))), statusCode: StatusCodes.Status409Conflict);
                }
                return TypedResults.LocalRedirect(PageNotices.PageOf(code, null, PageNotice.Majority));
            })
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin))
            .ExcludeFromDescription();
        return routes;
    }
}
