using McscMonitor.Web;

namespace McscMonitor.Users;

/// <summary>
/// A password an admin printed has been seen by two people: until its owner chooses their own,
/// a browser session reaches only the password form (and signing out). Access tokens are not
/// affected: a token is made by its owner, after the change.
/// </summary>
internal static class FirstPasswordChange
{
    public const string PagePath = "/account";

    private static readonly string[] Allowed = [PagePath, "/account/password", "/signout", "/language", "/favicon.svg", "/favicon.ico", "/app.js"];

    public static IApplicationBuilder UseFirstPasswordChange(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        if (!user.HasClaim(claim => claim.Type == McscClaims.MustChangePassword)
            || Allowed.Any(path => context.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)
                                   || (path == "/language" && context.Request.Path.StartsWithSegments(path))))
        {
            await next(context);
            return;
        }
        if (WebHardening.IsApi(context.Request))
        {
            await TypedResults.Problem(UiTexts.Current["account.mustChangeFirst"], statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }
        context.Response.Redirect(PagePath);
    });
}
