using System.Security.Claims;

namespace McscMonitor.Users;

/// <summary>Who may read and write the records of a municipality (design §7).</summary>
public static class RecordAccess
{
    public const string Policy = "records";

    public static bool CanAccess(ClaimsPrincipal user, string municipalityCode) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Monitor)
        || (user.IsInRole(Roles.MunicipalOfficer) && user.FindFirstValue(McscClaims.Municipality) == municipalityCode);

    /// <summary>Admins and monitors: they keep every municipality's records, and what monitoring decides.</summary>
    public static bool IsMonitoring(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Monitor);

    /// <summary>Staff who record and check data see live, unpublished figures; viewers and the public see only what is published.</summary>
    public static bool SeesLiveFigures(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Monitor) || user.IsInRole(Roles.MunicipalOfficer);

    /// <summary>The municipalities a user's lists are limited to; null means all.</summary>
    public static string? OnlyMunicipality(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Monitor) ? null : user.FindFirstValue(McscClaims.Municipality) ?? "";
}
