using System.Security.Claims;
using McscMonitor.Data;
using McscMonitor.Users.Pages;
using McscMonitor.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Users;

/// <summary>What the user administration page shows; a new password appears once, in the response that made it.</summary>
public sealed record UserAdminModel(
    IReadOnlyList<UserSummary> Users, IReadOnlyList<(string Code, string Name)> Municipalities,
    string? Notice = null, string? Error = null, string? NewPassword = null, NewUserForm? Typed = null);

/// <summary>What was typed into the form for a new user, kept when it is refused, with why.</summary>
public sealed record NewUserForm(string UserName, string Role, string? Municipality, string? Error = null);

/// <summary>
/// Admins manage users in the browser at <c>/admin/users</c>, through <see cref="UserAdministration"/>
/// as the <c>users</c> verbs do, so both are audited alike. Every action answers with the page
/// and a message saying what was done, or why not.
/// </summary>
internal static class UserAdminEndpoints
{
    public const string Path = "/admin/users";

    public static IEndpointRouteBuilder MapUserAdmin(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup(Path).RequireAuthorization(policy => policy.RequireRole(Roles.Admin)).ExcludeFromDescription();
        admin.MapGet("/", (UserAdministration users, McscDbContext db, string? done, string? user, string? role) =>
            PageAsync(users, db, Notice(done, user, role)));
        admin.MapPost("/", async (IFormCollection form, UserAdministration users, McscDbContext db) =>
        {
            var typed = new NewUserForm(form["userName"].ToString().Trim(), form["role"].ToString(), Municipality(form));
            try
            {
                if (typed.UserName.Length == 0) throw UserException.Of("nameRequired");
                var password = await users.AddAsync(typed.UserName, typed.Role, typed.Municipality);
                return await PageAsync(users, db, UiTexts.Current.Format("users.created", ("user", typed.UserName)), newPassword: password);
            }
            catch (UserException refused)
            {
                // The form keeps what was typed, and says what is wrong beside it.
                return await PageAsync(users, db, typed: typed with { Error = refused.Message });
            }
        });
        admin.MapPost("/{userName}/reset", (string userName, UserAdministration users, McscDbContext db) =>
            ActAsync(users, db, async () => (UiTexts.Current.Format("users.resetDone", ("user", userName)), await users.ResetAsync(userName))));
        admin.MapPost("/{userName}/role", (string userName, IFormCollection form, UserAdministration users, McscDbContext db, ClaimsPrincipal me) =>
            RedirectAfterAsync(users, db, $"role&role={Uri.EscapeDataString(form["role"].ToString())}", userName,
                () => users.ChangeRoleAsync(userName, form["role"].ToString(), Municipality(form), me.Identity?.Name)));
        admin.MapPost("/{userName}/disable", (string userName, UserAdministration users, McscDbContext db, ClaimsPrincipal me) =>
            RedirectAfterAsync(users, db, "disabled", userName, () => users.DisableAsync(userName, me.Identity?.Name)));
        admin.MapPost("/{userName}/enable", (string userName, UserAdministration users, McscDbContext db) =>
            RedirectAfterAsync(users, db, "enabled", userName, () => users.EnableAsync(userName)));
        admin.MapPost("/{userName}/unlock", (string userName, UserAdministration users, McscDbContext db) =>
            RedirectAfterAsync(users, db, "unlocked", userName, () => users.UnlockAsync(userName)));
        return routes;
    }

    private static string? Municipality(IFormCollection form) => form["municipality"].ToString() is { Length: > 0 } code ? code : null;

    private static string? Notice(string? done, string? user, string? role) => user is null ? null : done switch
    {
        "role" when role is not null && Roles.All.Contains(role) => UiTexts.Current.Format("users.roleDone", ("user", user), ("role", UiTexts.Current[$"role.{role}"])),
        "disabled" => UiTexts.Current.Format("users.disabledDone", ("user", user)),
        "enabled" => UiTexts.Current.Format("users.enabledDone", ("user", user)),
        "unlocked" => UiTexts.Current.Format("users.unlockedDone", ("user", user)),
        _ => null,
    };

    /// <summary>A password is shown in the response that made it, never after a redirect.</summary>
    private static async Task<RazorComponentResult<UserAdminPage>> ActAsync(
        UserAdministration users, McscDbContext db, Func<Task<(string Notice, string Password)>> action)
    {
        try
        {
            var (notice, password) = await action();
            return await PageAsync(users, db, notice, newPassword: password);
        }
        catch (UserException refused)
        {
            return await PageAsync(users, db, error: refused.Message);
        }
    }

    /// <summary>Actions without a secret redirect, so that reloading the page does not do them again.</summary>
    private static async Task<IResult> RedirectAfterAsync(UserAdministration users, McscDbContext db, string done, string userName, Func<Task> action)
    {
        try
        {
            await action();
            return TypedResults.LocalRedirect($"{Path}?user={Uri.EscapeDataString(userName)}&done={done}");
        }
        catch (UserException refused)
        {
            return await PageAsync(users, db, error: refused.Message);
        }
    }

    private static async Task<RazorComponentResult<UserAdminPage>> PageAsync(
        UserAdministration users, McscDbContext db, string? notice = null, string? error = null, string? newPassword = null, NewUserForm? typed = null)
    {
        var texts = UiTexts.Current;
        var municipalities = (await db.KosovoMunicipalities.AsNoTracking().ToListAsync())
            .Select(m => (m.Code, m.Name(texts.Language))).OrderBy(m => m.Item2, StringComparer.Create(texts.Culture, ignoreCase: true)).ToList();
        return PageResult.For<UserAdminPage, UserAdminModel>(new UserAdminModel(await users.ListAsync(), municipalities, notice, error, newPassword, typed),
            typed?.Error is null ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
    }
}
