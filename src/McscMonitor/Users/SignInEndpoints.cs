using System.Security.Claims;
using McscMonitor.Users.Pages;
using McscMonitor.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace McscMonitor.Users;

public sealed record SignInForm(string? UserName, string? Password, string? ReturnUrl);

/// <summary>The sign-in page: where to go after, and the name and error of a failed attempt.</summary>
public sealed record SignInModel(string? ReturnUrl, string? UserName, string? Error);

/// <summary>Sign-in with Identity's cookie: antiforgery on the form, lockout after repeated failures.</summary>
internal static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/signin", (string? returnUrl) => PageResult.For<SignInPage, SignInModel>(new SignInModel(returnUrl, null, null)))
            .ExcludeFromDescription();
        routes.MapPost("/signin", SignInAsync).RequireRateLimiting(WebHardening.SignInPolicy).ExcludeFromDescription();
        routes.MapGet("/forbidden", () => new RazorComponentResult<ForbiddenPage> { StatusCode = StatusCodes.Status403Forbidden })
            .ExcludeFromDescription();
        routes.MapPost("/signout", async (McscSignInManager signIn, ClaimsPrincipal user) =>
        {
            await signIn.SignOutEverywhereAsync(user);
            return TypedResults.LocalRedirect("/");
        }).ExcludeFromDescription();
        return routes;
    }

    private static async Task<Results<RedirectHttpResult, RazorComponentResult<SignInPage>>> SignInAsync(
        [FromForm] SignInForm form, McscSignInManager signIn)
    {
        var returnUrl = RedirectHttpResult.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/";
        if (string.IsNullOrWhiteSpace(form.UserName) || string.IsNullOrEmpty(form.Password))
            return Page(form, returnUrl, UiTexts.Current["signIn.missing"]);

        // One message for an unknown user, a wrong password and a locked account: none tells an attacker which it was.
        return await signIn.SignInWithPasswordAsync(form.UserName, form.Password)
            ? TypedResults.LocalRedirect(returnUrl)
            : Page(form, returnUrl, UiTexts.Current["signIn.failed"]);
    }

    private static RazorComponentResult<SignInPage> Page(SignInForm form, string returnUrl, string error) =>
        PageResult.For<SignInPage, SignInModel>(new SignInModel(returnUrl, form.UserName, error));
}
