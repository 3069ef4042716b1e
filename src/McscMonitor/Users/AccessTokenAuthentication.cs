using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using McscMonitor.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace McscMonitor.Users;

/// <summary>Signs in scripts by personal access token: `Authorization: Bearer mcsc_…`.</summary>
public sealed class AccessTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    McscDbContext db, IOptions<IdentityOptions> identity, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";
    public const string Prefix = "mcsc_";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(Prefix, StringComparison.Ordinal)) return AuthenticateResult.NoResult();

        var hash = Hash(token);
        var signedIn = await db.AccessTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAtUtc == null)
            .Join(db.Users, t => t.UserId, u => u.Id, (_, u) => u)
            .Select(u => new
            {
                User = u,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id)
                    .Join(db.Roles, userRole => userRole.RoleId, role => role.Id, (_, role) => role.Name!).ToList(),
            })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (signedIn is null) return AuthenticateResult.Fail("The access token is unknown or revoked.");
        if (McscSignInManager.IsBlocked(signedIn.User, clock.GetUtcNow())) return AuthenticateResult.Fail("The account is disabled or locked.");

        return AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(Identity(signedIn.User, signedIn.Roles, identity.Value.ClaimsIdentity)), SchemeName));
    }

    /// <summary>
    /// What a script's requests are authorized by: who, their roles and their municipality. One
    /// statement a request (the token, its user and the user's roles), where Identity's full
    /// principal (user claims, role claims) took six; this app keeps no claims in those tables.
    /// </summary>
    private static ClaimsIdentity Identity(AppUser user, IEnumerable<string> roles, ClaimsIdentityOptions claimTypes)
    {
        var identity = new ClaimsIdentity(SchemeName, claimTypes.UserNameClaimType, claimTypes.RoleClaimType);
        identity.AddClaim(new Claim(claimTypes.UserIdClaimType, user.Id));
        identity.AddClaim(new Claim(claimTypes.UserNameClaimType, user.UserName ?? user.Id));
        foreach (var role in roles) identity.AddClaim(new Claim(claimTypes.RoleClaimType, role));
        if (user.MunicipalityCode is not null) identity.AddClaim(new Claim(McscClaims.Municipality, user.MunicipalityCode));
        return identity;
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string NewToken() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Adds the municipality claim, so authorization needs no database round trip.</summary>
public sealed class McscClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MunicipalityCode is not null) identity.AddClaim(new Claim(McscClaims.Municipality, user.MunicipalityCode));
        if (user.MustChangePassword) identity.AddClaim(new Claim(McscClaims.MustChangePassword, "true"));
        return identity;
    }
}
