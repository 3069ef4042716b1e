using System.Security.Claims;
using McscMonitor.Data;
using McscMonitor.Users.Pages;
using McscMonitor.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Users;

public sealed record PasswordForm(string? CurrentPassword, string? NewPassword, string? ConfirmPassword);

public sealed record TokenForm(string? Name);

/// <summary>What the account page shows; a new token's value appears once, in the response that created it.</summary>
public sealed record AccountModel(
    string UserName, IReadOnlyList<string> Roles, string? Municipality, IReadOnlyList<AccessToken> Tokens,
    string? NewToken = null, string? Notice = null, string? Error = null, bool MustChangePassword = false);

/// <summary>Everyone who signs in manages their own password and their own access tokens here.</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder routes)
    {
        var account = routes.MapGroup("/account").RequireAuthorization().ExcludeFromDescription();
        account.MapGet("/", async (ClaimsPrincipal user, UserManager<AppUser> users, McscDbContext db) =>
            Page(await ModelAsync(await MeAsync(user, users), users, db)));
        account.MapPost("/password", async (
            [FromForm] PasswordForm form, ClaimsPrincipal user, UserManager<AppUser> users, SignInManager<AppUser> signIn,
            UserAdministration administration, McscDbContext db) =>
        {
            var me = await MeAsync(user, users);
            var model = await ModelAsync(me, users, db);
            if (form.NewPassword != form.ConfirmPassword) return (IResult)Page(model with { Error = UiTexts.Current["account.passwordMismatch"] });
            var result = await users.ChangePasswordAsync(me, form.CurrentPassword ?? "", form.NewPassword ?? "");
            if (!result.Succeeded) return Page(model with { Error = string.Join(" ", result.Errors.Select(e => e.Description)) });
            // The change renews the security stamp, which ends every other session; this browser's cookie is renewed.
            // Tokens made before the change may have been made by whoever knew the old password.
            await administration.RevokeAllTokensAsync(me);
            var wasPrinted = me.MustChangePassword;
            me.MustChangePassword = false;
            await users.UpdateAsync(me);
            await signIn.RefreshSignInAsync(me);
            return wasPrinted
                ? TypedResults.LocalRedirect("/")
                : Page(model with { Notice = UiTexts.Current["account.passwordChanged"] });
        });
        account.MapPost("/tokens", async (
            [FromForm] TokenForm form, ClaimsPrincipal user, UserManager<AppUser> users, UserAdministration administration, McscDbContext db) =>
        {
            var me = await MeAsync(user, users);
            if (string.IsNullOrWhiteSpace(form.Name))
                return Page(await ModelAsync(me, users, db) with { Error = UiTexts.Current["account.tokenNameRequired"] });
            try
            {
                var token = await administration.CreateTokenAsync(me.UserName!, form.Name.Trim());
                return Page(await ModelAsync(me, users, db) with { NewToken = token });
            }
            catch (UserException refused)
            {
                return Page(await ModelAsync(me, users, db) with { Error = refused.Message });
            }
        });
        account.MapPost("/tokens/{id:int}/revoke", async (
            int id, ClaimsPrincipal user, UserManager<AppUser> users, TimeProvider clock, McscDbContext db) =>
        {
            var me = await MeAsync(user, users);
            var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == me.Id && t.RevokedAtUtc == null);
            if (token is null) return TypedResults.NotFound();
            token.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
            return (IResult)Page(await ModelAsync(me, users, db) with { Notice = UiTexts.Current.Format("account.revoked", ("name", token.Name)) });
        });
        return routes;
    }

    private static async Task<AppUser> MeAsync(ClaimsPrincipal user, UserManager<AppUser> users) =>
        await users.GetUserAsync(user) ?? throw new InvalidOperationException("A signed-in user has no account.");

    private static async Task<AccountModel> ModelAsync(AppUser me, UserManager<AppUser> users, McscDbContext db)
    {
        var tokens = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == me.Id && t.RevokedAtUtc == null).OrderBy(t => t.CreatedAtUtc).ToListAsync();
        return new AccountModel(me.UserName!, [.. await users.GetRolesAsync(me)], me.MunicipalityCode, tokens, MustChangePassword: me.MustChangePassword);
    }

    private static RazorComponentResult<AccountPage> Page(AccountModel model) => PageResult.For<AccountPage, AccountModel>(model);
}
