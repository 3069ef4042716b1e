using McscMonitor.Data;
using McscMonitor.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace McscMonitor.Users;

public static class UsersSetup
{
    /// <summary>Identity's user and role stores in the application's database; used by the web app and the `users` verb.</summary>
    public static IServiceCollection AddMcscUsers(this IServiceCollection services, IConfiguration configuration)
    {
        // PBKDF2 rounds for new password hashes (Identity's default unless set); each hash keeps its own count, so a change applies as passwords change.
        if (configuration.GetValue<int?>("Identity:PasswordHashIterations") is > 0 and var iterations)
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = iterations);
        services.AddLogging();
        services.AddIdentityCore<AppUser>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<McscDbContext>()
            .AddClaimsPrincipalFactory<McscClaimsFactory>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddSignInManager<McscSignInManager>();
        // Every request checks the cookie's security stamp, so signing out, a password reset, a
        // role change, disabling or locking an account ends its sessions at once.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        services.AddScoped<UserAdministration>();
        return services;
    }

    /// <summary>
    /// Browsers sign in with Identity's cookie, scripts with a personal access token. API
    /// calls that are not allowed get 401/403, never a redirect to a sign-in page.
    /// </summary>
    public static IServiceCollection AddMcscAuthentication(this IServiceCollection services)
    {
        const string either = "CookieOrToken";
        services.AddAuthentication(either)
            // API writes take a token only: a cookie sent along by a browser on another site's behalf counts for nothing there.
            .AddPolicyScheme(either, null, options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                || (WebHardening.IsApi(context.Request) && WebHardening.IsWrite(context.Request))
                    ? AccessTokenAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthentication>(AccessTokenAuthentication.SchemeName, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(options =>
            {
                options.LoginPath = "/signin";
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.AccessDeniedPath = "/forbidden";
                options.Events.OnRedirectToLogin = context => ApiStatusOrRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiStatusOrRedirect(context, StatusCodes.Status403Forbidden);
            }));
        services.AddAuthorizationBuilder()
            .AddPolicy(RecordAccess.Policy, policy => policy.RequireRole(Roles.Admin, Roles.Monitor, Roles.MunicipalOfficer));
        return services;
    }

    private static Task ApiStatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api")) context.Response.StatusCode = status;
        else context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
