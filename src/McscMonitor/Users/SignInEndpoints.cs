using McscMonitor.Users.Pages;
using McscMonitor.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace McscMonitor.Users;

public sealed record SignInForm(string? UserName, string? Password, string? ReturnUrl);

/// <summary>Sign-in with Identity's cookie: antiforgery on the form, lockout after repeated failures.</summary>
internal static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/signin", (string? returnUrl) => new RazorComponentResult<SignInPage>(new { ReturnUrl = returnUrl }))
            .ExcludeFromDescription();
        routes.MapPost("/signin", SignInAsync).ExcludeFromDescription();
        routes.MapGet("/forbidden", () => new RazorComponentResult<ForbiddenPage> { StatusCode = StatusCodes.Status403Forbidden })
            .ExcludeFromDescription();
        routes.MapPost("/signout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/");
        }).ExcludeFromDescription();
        return routes;
    }

    private static async Task<Results<RedirectHttpResult, RazorComponentResult<SignInPage>>> SignInAsync(
        [FromForm] SignInForm form, SignInManager<AppUser> signIn)
    {
        var returnUrl = RedirectHttpResult.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/";
        if (string.IsNullOrWhiteSpace(form.UserName) || string.IsNullOrEmpty(form.Password))
            return Page(form, returnUrl, UiTexts.Current["signIn.missing"]);

        var result = await signIn.PasswordSignInAsync(form.UserName, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return TypedResults.LocalRedirect(returnUrl);
        return Page(form, returnUrl, result.IsLockedOut
            ? UiTexts.Current["signIn.lockedOut"]
            : UiTexts.Current["signIn.wrong"]);
    }

    private static RazorComponentResult<SignInPage> Page(SignInForm form, string returnUrl, string error) =>
        new(new { ReturnUrl = returnUrl, UserName = form.UserName, Error = error }) { StatusCode = StatusCodes.Status200OK };
}
