using System.Globalization;
using McscMonitor.Audit;
using McscMonitor.Data;
using McscMonitor.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Members;

/// <summary>
/// The right to erasure for council members: an admin replaces a member's personal data with
/// "erased" in the record and in every audit entry about them, while the member keeps counting
/// in the figures of the years they served. The erasure itself is audited, without the data.
/// </summary>
internal static class MemberErasure
{
    public static IEndpointRouteBuilder MapMemberErasure(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/members/{id:int}/erase", async (int id, McscDbContext db, CancellationToken cancellationToken) =>
                await EraseAsync(id, db, cancellationToken) is { } code
                    ? (IResult)TypedResults.LocalRedirect(Municipalities.PageNotices.PageOf(code, null, Municipalities.PageNotice.Erased))
                    : TypedResults.NotFound())
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin)).ExcludeFromDescription();
        routes.MapPost("/api/v1/members/{id:int}/erase", async Task<Results<NoContent, NotFound>> (int id, McscDbContext db, CancellationToken cancellationToken) =>
                await EraseAsync(id, db, cancellationToken) is null ? TypedResults.NotFound() : TypedResults.NoContent())
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin))
            .WithTags("members").WithName("Erase-members")
            .WithSummary("Erases a member's personal data (admins): name, community, religion and gender, here and in the audit trail; past counts stay.");
        return routes;
    }

    /// <summary>The municipality of the erased member, or null when there is no such member.</summary>
    public static async Task<string?> EraseAsync(int id, McscDbContext db, CancellationToken cancellationToken)
    {
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (member is null) return null;
        var code = await db.Councils.Where(c => c.Id == member.CouncilId).Select(c => c.MunicipalityCode).SingleAsync(cancellationToken);
        if (member.ErasedAtUtc is not null) return code;
        var municipality = await db.Municipalities.AsNoTracking().SingleAsync(m => m.Code == code, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AuditTrail.ScrubAsync(db, id, cancellationToken);
        member.Erase(municipality, db.Clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return code;
    }

    public static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);
}
