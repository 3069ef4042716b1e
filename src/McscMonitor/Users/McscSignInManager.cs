using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace McscMonitor.Users;

/// <summary>
/// Identity's sign-in, with two additions: a disabled or locked account cannot act at all
/// (its cookie is refused on the next request, its tokens at once), and a failed sign-in
/// takes as long, and reads the same, whether or not the user exists.
/// </summary>
public sealed class McscSignInManager(
    UserManager<AppUser> userManager, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation, TimeProvider clock)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>A hash of a password no one has, checked for unknown users so they cost what a known user costs.</summary>
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    public static bool IsBlocked(AppUser user, DateTimeOffset now) => user.DisabledAtUtc is not null || user.LockoutEnd > now;

    /// <summary>Signs in with a password; every failure (unknown, wrong, locked, disabled) is the same to the caller.</summary>
    public async Task<bool> SignInWithPasswordAsync(string userName, string password)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null || IsBlocked(user, clock.GetUtcNow()))
        {
            UserManager.PasswordHasher.VerifyHashedPassword(user ?? new AppUser(), DummyHash.Value, password);
            return false;
        }
        var result = await CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded) return false;
        user.LastSignInAtUtc = clock.GetUtcNow().UtcDateTime;
        await UserManager.UpdateAsync(user);
        await SignInAsync(user, isPersistent: false);
        return true;
    }

    /// <summary>Ends every session of the user: their security stamp changes, so no earlier cookie is accepted again.</summary>
    public async Task SignOutEverywhereAsync(ClaimsPrincipal principal)
    {
        if (await UserManager.GetUserAsync(principal) is { } user) await UserManager.UpdateSecurityStampAsync(user);
        await SignOutAsync();
    }

    public override async Task<bool> CanSignInAsync(AppUser user) =>
        !IsBlocked(user, clock.GetUtcNow()) && await base.CanSignInAsync(user);

    public override async Task<AppUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is null || IsBlocked(user, clock.GetUtcNow()) ? null : user;
    }
}
