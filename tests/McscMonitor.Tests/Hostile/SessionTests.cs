using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using McscMonitor.Users;
using Microsoft.AspNetCore.Identity;

namespace McscMonitor.Tests.Hostile;

/// <summary>Sessions and tokens end when they should: sign-out, reset, disable, lock, deletion.</summary>
public class SessionTests
{
    /// <summary>A request that carries someone's copied cookies and nothing else.</summary>
    private static async Task<HttpStatusCode> ReplayAsync(ApiHost host, string cookies, string path = "/account")
    {
        using var client = new HttpClient(host.ClientHandler()) { BaseAddress = new Uri("http://localhost") };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookies);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static HttpClient WithToken(ApiHost host, string token)
    {
        var client = host.ClientFor(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<T> WithUsersAsync<T>(ApiHost host, Func<UserAdministration, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    [Fact]
    public async Task ACookieReplayedAfterSignOutIsRefused()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.Monitor);
        var stolen = session.CookieHeader;
        var before = await ReplayAsync(host, stolen);

        var signOut = await session.SubmitAsync("/account", "/signout", []);

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(host, stolen));
    }

    [Fact]
    public async Task SignOutWithoutTheAntiforgeryTokenIsRefusedAndTheSessionStays()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.Monitor);
        using var client = new HttpClient(host.ClientHandler()) { BaseAddress = new Uri("http://localhost") };
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/signout") { Content = new FormUrlEncodedContent([]) };
        forged.Headers.Add("Cookie", session.CookieHeader);

        var response = await client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/account")).Status);
    }

    [Fact]
    public async Task APasswordResetEndsTheOldCookieAndTheOldTokens()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.MunicipalOfficer);
        var token = await WithUsersAsync(host, users => users.CreateTokenAsync("olsi", "script"));
        Assert.Equal(HttpStatusCode.OK, (await WithToken(host, token).GetAsync("/api/v1/meetings")).StatusCode);

        await WithUsersAsync(host, users => users.ResetAsync("olsi"));

        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(host, session.CookieHeader));
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(host, token).GetAsync("/api/v1/meetings")).StatusCode);
    }

    [Fact]
    public async Task ADisabledUserIsRefusedAtTheNextRequestAndCannotSignInUntilEnabled()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.Monitor);
        var (userName, password) = host.Account(Roles.Monitor);

        var disabled = await host.RunCliAsync("users", "disable", userName);
        var cookieAfter = await ReplayAsync(host, session.CookieHeader);
        var tokenAfter = await host.ClientFor(Roles.Monitor).GetAsync("/api/v1/meetings");
        var signInWhileDisabled = await new FormClient(host.ClientHandler())
            .SubmitAsync("/signin", "/signin", new() { ["UserName"] = userName, ["Password"] = password, ["ReturnUrl"] = "/" });
        var enabled = await host.RunCliAsync("users", "enable", userName);
        var tokenEnabled = await host.ClientFor(Roles.Monitor).GetAsync("/api/v1/meetings");

        Assert.Equal(0, disabled.ExitCode);
        Assert.Equal(HttpStatusCode.Redirect, cookieAfter);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signInWhileDisabled.StatusCode);
        Assert.Contains("Sign-in failed", await signInWhileDisabled.Content.ReadAsStringAsync());
        Assert.Equal(0, enabled.ExitCode);
        Assert.Equal(HttpStatusCode.OK, tokenEnabled.StatusCode);
    }

    [Fact]
    public async Task ALockedOutUsersTokensAndCookiesAreRefused()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.Admin);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var ada = (await users.FindByNameAsync("ada"))!;
            await users.SetLockoutEndDateAsync(ada, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.ClientFor(Roles.Admin).GetAsync("/api/v1/meetings")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(host, session.CookieHeader));
    }

    [Fact]
    public async Task ADeletedUsersCookieCannotCreateAMeeting()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.Monitor);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.DeleteAsync((await users.FindByNameAsync("mona"))!);
        }

        var form = await session.GetAsync("/municipalities/peje/meetings/new");

        Assert.Equal(HttpStatusCode.Redirect, form.Status);
    }

    [Fact]
    public async Task AnUnknownUserAndAWrongPasswordGetTheSameAnswer()
    {
        await using var host = await ApiHost.StartAsync();

        var unknown = await new FormClient(host.ClientHandler())
            .SubmitAsync("/signin", "/signin", new() { ["UserName"] = "nobody", ["Password"] = "wrong-password-1", ["ReturnUrl"] = "/" });
        var wrong = await new FormClient(host.ClientHandler())
            .SubmitAsync("/signin", "/signin", new() { ["UserName"] = "mona", ["Password"] = "wrong-password-1", ["ReturnUrl"] = "/" });

        static string Alert(string html) => System.Text.RegularExpressions.Regex.Match(html, "role=\"alert\">([^<]+)<").Groups[1].Value;
        var unknownText = Alert(await unknown.Content.ReadAsStringAsync());
        Assert.NotEmpty(unknownText);
        Assert.Equal(unknownText, Alert(await wrong.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ASignInTakesAsLongForAnUnknownUserAsForAKnownOne()
    {
        // Password hashing as strong as in production: the cheap hashing of the other tests would make every known user fast.
        await using var host = await ApiHost.StartAsync(settings: new Dictionary<string, string?> { ["Identity:PasswordHashIterations"] = "100000" });
        var known = new List<double>();
        var unknown = new List<double>();

        // Alternating, so that whatever else the machine does falls on both; medians, so one pause does not decide.
        for (var attempt = 0; attempt < 9; attempt++)
        {
            known.Add(await TimeSignInAsync(host, "mona"));
            unknown.Add(await TimeSignInAsync(host, $"nobody{attempt}"));
        }

        var ratio = Median(known) / Median(unknown);
        Assert.True(ratio is > 0.5 and < 2.0, $"known {Median(known):F1} ms, unknown {Median(unknown):F1} ms, ratio {ratio:F2}");
    }

    private static async Task<double> TimeSignInAsync(ApiHost host, string userName)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<McscSignInManager>();
        var clock = Stopwatch.StartNew();
        Assert.False(await signIn.SignInWithPasswordAsync(userName, "not-the-password-9"));
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    [Fact]
    public async Task RepeatedSignInsFromOneAddressAreSlowedWithRetryAfter()
    {
        await using var host = await ApiHost.StartAsync(settings: new Dictionary<string, string?> { ["RateLimits:SignInsPerMinute"] = "3" });
        var browser = new FormClient(host.ClientHandler());
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;

        for (var attempt = 0; attempt < 4; attempt++)
        {
            last = await browser.SubmitAsync("/signin", "/signin", new() { ["UserName"] = "mona", ["Password"] = "wrong-password-1", ["ReturnUrl"] = "/" });
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(last!.Headers.RetryAfter);
    }

    [Fact]
    public async Task ACommonPasswordDressedUpWithDigitsAndSymbolsIsRefused()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.Viewer);
        var (_, current) = host.Account(Roles.Viewer);

        var response = await session.SubmitAsync("/account", "/account/password",
            new() { ["CurrentPassword"] = current, ["NewPassword"] = "Password123!", ["ConfirmPassword"] = "Password123!" });

        Assert.Contains("too easy to guess", await response.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await host.ClientFor(Roles.Viewer).GetAsync("/api/v1/indicators/2021")).StatusCode);
    }

    [Theory]
    [InlineData("Password123!", true)]
    [InlineData("P@ssw0rd2024", true)]
    [InlineData("qwertyuiop12", true)]
    [InlineData("Kosova2024!!", true)]
    [InlineData("aaaaaaaaaaaa1!", true)]
    [InlineData("welcomewelcome1", true)]
    [InlineData("river-lantern-Orbit-42", false)]
    [InlineData("mZ7#kQ2pLx9v", false)]
    public void CommonPasswordsAreRecognisedThroughTheirDisguise(string password, bool common) =>
        Assert.Equal(common, CommonPasswordValidator.IsCommon(password));

    [Fact]
    public async Task ACookieCannotWriteThroughTheApiEvenFromThisSite()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.Admin);
        using var client = new HttpClient(host.ClientHandler()) { BaseAddress = new Uri("http://localhost") };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/meetings")
        {
            Content = JsonContent.Create(new { municipality = "peje", date = "2021-12-01", status = "held" }),
        };
        request.Headers.Add("Cookie", session.CookieHeader);
        request.Headers.Add("Origin", "https://attacker.example");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/meetings")).Status);
    }
}
