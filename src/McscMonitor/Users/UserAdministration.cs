using System.Security.Cryptography;
using McscMonitor.Data;
using McscMonitor.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Users;

public sealed record UserSummary(string UserName, IReadOnlyList<string> Roles, string? Municipality, bool LockedOut, bool Disabled, DateTime? LastSignInAtUtc);

/// <summary>A request about users that cannot be done, said in the reader's language.</summary>
public sealed class UserException(string message) : Exception(message)
{
    public static UserException Of(string key, params (string Name, object? Value)[] values) => new(UiTexts.Current.Format($"users.error.{key}", values));
}

/// <summary>
/// Everything done to users, by the <c>users</c> verbs and the <c>/admin/users</c> page alike:
/// passwords are generated, never fixed, and shown once.
/// </summary>
public sealed class UserAdministration(UserManager<AppUser> users, RoleManager<IdentityRole> roles, McscDbContext db, TimeProvider clock)
{
    /// <summary>Long enough for any real name; the store keeps 256, so a longer one is refused here in words, not by the database.</summary>
    public const int MaxUserName = 64;

    public async Task<string> AddAsync(string userName, string role, string? municipality)
    {
        if (userName.Length > MaxUserName) throw UserException.Of("nameTooLong", ("max", MaxUserName));
        var municipalityCode = await MunicipalityForAsync(role, municipality);
        await EnsureRolesAsync();
        var password = NewPassword(userName);
        var user = new AppUser { UserName = userName, MunicipalityCode = municipalityCode, LockoutEnabled = true, MustChangePassword = true };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        return password;
    }

    /// <summary>A municipal officer works for one municipality; no other role is bound to one.</summary>
    private async Task<string?> MunicipalityForAsync(string role, string? municipality)
    {
        if (!Roles.All.Contains(role)) throw UserException.Of("notRole", ("role", role), ("roles", string.Join(", ", Roles.All)));
        if (role != Roles.MunicipalOfficer) return null;
        if (string.IsNullOrWhiteSpace(municipality)) throw UserException.Of("needsMunicipality");
        var match = await db.MatchMunicipalityAsync(municipality);
        return match.Municipality?.Code ?? throw new UserException(match.Describe(municipality));
    }

    /// <summary>
    /// Gives the user one role (and, for an officer, a municipality) in place of what they had;
    /// their sessions end so the new rights apply at once.
    /// </summary>
    public async Task ChangeRoleAsync(string userName, string role, string? municipality, string? actingUser = null)
    {
        var user = await FindAsync(userName);
        var municipalityCode = await MunicipalityForAsync(role, municipality);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && role != Roles.Admin) await RefuseLosingAnAdminAsync(user, actingUser);
        await EnsureRolesAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        Check(await users.RemoveFromRolesAsync(user, current));
        Check(await users.AddToRoleAsync(user, role));
        user.MunicipalityCode = municipalityCode;
        Check(await users.UpdateSecurityStampAsync(user));
        await transaction.CommitAsync();
    }

    /// <summary>Lifts a lockout after too many wrong passwords, without changing the password.</summary>
    public async Task UnlockAsync(string userName)
    {
        var user = await FindAsync(userName);
        if (!await users.IsLockedOutAsync(user)) throw UserException.Of("notLocked", ("user", userName));
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
    }

    /// <summary>A new password; the old one, every session and every access token of the user stop working.</summary>
    public async Task<string> ResetAsync(string userName)
    {
        var user = await FindAsync(userName);
        var password = NewPassword(user.UserName);
        Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, password));
        user.MustChangePassword = true;
        Check(await users.SetLockoutEndDateAsync(user, null));
        await RevokeAllTokensAsync(user);
        return password;
    }

    /// <summary>After a password change or reset, tokens made with the old password may be in the wrong hands.</summary>
    public async Task RevokeAllTokensAsync(AppUser user)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var token in await db.AccessTokens.Where(t => t.UserId == user.Id && t.RevokedAtUtc == null).ToListAsync())
            token.RevokedAtUtc = now;
        await db.SaveChangesAsync();
    }

    /// <summary>Disabling keeps the account and its history, but nothing signs in or acts with it until it is enabled again.</summary>
    public async Task DisableAsync(string userName, string? actingUser = null)
    {
        var user = await FindAsync(userName);
        if (user.DisabledAtUtc is not null) throw UserException.Of("alreadyDisabled", ("user", userName));
        if (IsSelf(user, actingUser)) throw UserException.Of("self");
        if (await users.IsInRoleAsync(user, Roles.Admin)) await RefuseLosingAnAdminAsync(user, actingUser);
        user.DisabledAtUtc = clock.GetUtcNow().UtcDateTime;
        Check(await users.UpdateSecurityStampAsync(user));
    }

    /// <summary>
    /// User names are matched without regard to case (ADMIN2 is admin2), so the acting user is
    /// recognised however the name is typed; the command line acts for no one in particular.
    /// </summary>
    private static bool IsSelf(AppUser user, string? actingUser) =>
        actingUser is not null && string.Equals(user.UserName, actingUser, StringComparison.OrdinalIgnoreCase);

    /// <summary>No one takes away their own administrator role, and the last enabled administrator stays one, from the web or the command line.</summary>
    private async Task RefuseLosingAnAdminAsync(AppUser user, string? actingUser)
    {
        if (IsSelf(user, actingUser)) throw UserException.Of("self");
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        if (!admins.Any(admin => admin.Id != user.Id && admin.DisabledAtUtc is null)) throw UserException.Of("lastAdmin", ("user", user.UserName));
    }

    public async Task EnableAsync(string userName)
    {
        var user = await FindAsync(userName);
        if (user.DisabledAtUtc is null) throw UserException.Of("notDisabled", ("user", userName));
        user.DisabledAtUtc = null;
        Check(await users.UpdateAsync(user));
    }

    public async Task<string> CreateTokenAsync(string userName, string name)
    {
        // A token's name is free text like any other: bounded, without control or direction characters.
        if (string.IsNullOrWhiteSpace(name)) throw UserException.Of("tokenNameRequired");
        if (Core.Domain.RecordRules.Text(name, Core.Domain.TextLimits.TokenName) is { } problem)
            throw UserException.Of("tokenName", ("problem", problem));
        var user = await FindAsync(userName);
        var token = AccessTokenAuthentication.NewToken();
        db.AccessTokens.Add(new AccessToken
        {
            UserId = user.Id, Name = name, TokenHash = AccessTokenAuthentication.Hash(token), CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        return token;
    }

    /// <summary>Revokes the user's active tokens of that name; a revoked token stays on record, unusable.</summary>
    public async Task<int> RevokeTokensAsync(string userName, string name)
    {
        var user = await FindAsync(userName);
        var tokens = await db.AccessTokens.Where(t => t.UserId == user.Id && t.Name == name && t.RevokedAtUtc == null).ToListAsync();
        if (tokens.Count == 0) throw UserException.Of("noToken", ("user", userName), ("name", name));
        foreach (var token in tokens) token.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        return tokens.Count;
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync()
    {
        var summaries = new List<UserSummary>();
        foreach (var user in await users.Users.OrderBy(u => u.UserName).ToListAsync())
            summaries.Add(new UserSummary(user.UserName!, [.. await users.GetRolesAsync(user)], user.MunicipalityCode, await users.IsLockedOutAsync(user),
                user.DisabledAtUtc is not null, user.LastSignInAtUtc));
        return summaries;
    }

    /// <summary>
    /// On first run there is no one to sign in: create an admin with a random password, shown
    /// once. Two instances starting together on a new database both try; the one that loses
    /// the race finds the admin there and carries on.
    /// </summary>
    public async Task<string?> CreateFirstAdminAsync()
    {
        if (await users.Users.AnyAsync()) return null;
        try
        {
            return await AddAsync("admin", Roles.Admin, null);
        }
        catch (Exception raced) when (raced is UserException or DbUpdateException)
        {
            if (await users.FindByNameAsync("admin") is null) throw;
            return null;
        }
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (await roles.RoleExistsAsync(role)) continue;
            var created = await roles.CreateAsync(new IdentityRole(role));
            // Another instance may have created it in the meantime; only a role still missing is a failure.
            if (!created.Succeeded && !await roles.RoleExistsAsync(role)) Check(created);
        }
    }

    private async Task<AppUser> FindAsync(string userName) =>
        await users.FindByNameAsync(userName) ?? throw UserException.Of("noUser", ("user", userName));

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new UserException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>
    /// A random password, every character drawn from a cryptographic generator (no fixed part a
    /// guesser could count on), redrawn until it has what Identity's rules ask for (a digit, a
    /// lower and an upper case letter, a symbol) and holds neither the user name nor a listed word.
    /// </summary>
    internal static string NewPassword(string? userName)
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.";
        while (true)
        {
            var password = new string(RandomNumberGenerator.GetItems<char>(alphabet, 22));
            if (!password.Any(char.IsDigit) || !password.Any(char.IsLower) || !password.Any(char.IsUpper) || password.All(char.IsLetterOrDigit)) continue;
            if (!CommonPasswordValidator.IsCommon(password, userName)) return password;
        }
    }
}
