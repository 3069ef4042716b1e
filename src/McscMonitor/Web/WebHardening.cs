using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using McscMonitor.Core.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;

namespace McscMonitor.Web;

/// <summary>What the app needs to face the internet: rate limits, proxy trust, security headers, antiforgery everywhere.</summary>
public static class WebHardening
{
    public const string SignInPolicy = "signin";

    /// <summary>Content Security Policy: no script from anywhere, no framing, forms only to this site.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference page (Scalar) runs its own inline start-up script; only that page may.</summary>
    private const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddWebHardening(this IServiceCollection services, IConfiguration configuration)
    {
        var signInsPerMinute = configuration.GetValue("RateLimits:SignInsPerMinute", 20);
        var tokenRequestsPerMinute = configuration.GetValue("RateLimits:TokenRequestsPerMinute", 600);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Detail = Messages.Current["tooManyRequests"] },
                });
            };
            // Guessing passwords: a few tries a minute from one address, whichever account they aim at.
            options.AddPolicy(SignInPolicy, context => RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            // Scripts: generous, but a leaked or looping token cannot flood the server.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                BearerToken(context) is { } token
                    ? RateLimitPartition.GetFixedWindowLimiter(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = tokenRequestsPerMinute, Window = TimeSpan.FromMinutes(1) })
                    : RateLimitPartition.GetNoLimiter("browser"));
        });

        // Behind a reverse proxy, X-Forwarded-For/-Proto are believed only from the proxies named in configuration.
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
                options.KnownProxies.Add(IPAddress.Parse(proxy));
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddAntiforgery(options =>
        {
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        return services;
    }

    public static WebApplication UseWebHardening(this WebApplication app)
    {
        if (app.Configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() is { Length: > 0 }) app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            if (app.Configuration["https_port"] is not null || app.Configuration["urls"]?.Contains("https://", StringComparison.Ordinal) == true)
                app.UseHttpsRedirection();
        }
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar") ? ApiReferencePolicy : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// Every request that changes something from a browser carries the antiforgery token of a
    /// page of this site; the REST API takes writes only with an access token, never a cookie,
    /// so another site cannot make a signed-in browser change anything.
    /// </summary>
    public static WebApplication UseAntiforgeryEverywhere(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // A NUL is in no name, date or note anyone types (the form reader refuses it, PostgreSQL too): refused here, in words.
            if (context.Request.Query.Any(HoldsNul) || (IsWrite(context.Request) && !IsApi(context.Request) && !await FormIsReadableAsync(context.Request)))
            {
                await RefuseAsync(context, Messages.Current["forbiddenCharacters"]);
                return;
            }
            if (IsWrite(context.Request) && !IsApi(context.Request)
                && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            {
                await RefuseAsync(context, Messages.Current["antiforgery"]);
                return;
            }
            await next(context);
        });
        return app;
    }

    private static async Task<bool> FormIsReadableAsync(HttpRequest request)
    {
        if (!request.HasFormContentType) return true;
        try
        {
            return !(await request.ReadFormAsync()).Any(HoldsNul);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static async Task RefuseAsync(HttpContext context, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Detail = detail },
        });
    }

    private static bool HoldsNul(KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> field) =>
        field.Key.Contains('\0') || field.Value.Any(value => value?.Contains('\0') == true);

    public static bool IsWrite(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string? BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
