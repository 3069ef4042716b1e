using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using McscMonitor.Core.Domain;
using McscMonitor.Data;
using McscMonitor.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace McscMonitor.Tests;

/// <summary>The account page (own tokens, own password) and the admin's majority-community change.</summary>
public partial class AccountTests
{
    [Fact]
    public async Task ATokenCreatedOnTheAccountPageWorksUntilItIsRevokedAndItsSecretStaysOutOfTheAudit()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.Monitor);

        var created = await (await session.SubmitAsync("/account", "/account/tokens", new() { ["Name"] = "nightly export" })).Content.ReadAsStringAsync();
        var token = NewToken().Match(created).Groups[1].Value;
        var script = host.ClientFor(null);
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var whileActive = await script.GetAsync("/api/v1/meetings");
        var revokeAction = RevokeAction().Matches(created).Select(m => m.Groups[1].Value).Last();
        var revoked = await session.SubmitAsync("/account", revokeAction, []);
        var afterRevoking = await script.GetAsync("/api/v1/meetings");

        Assert.StartsWith(AccessTokenAuthentication.Prefix, token);
        Assert.Equal(HttpStatusCode.OK, whileActive.StatusCode);
        Assert.Contains("The token nightly export is revoked.", await revoked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoking.StatusCode);
        var audit = await AuditAsync(host, "AccessToken");
        Assert.Contains(audit, e => e.Action == "create" && e.Changes.Contains("nightly export") && e.Changes.Contains("(hidden)"));
        Assert.Contains(audit, e => e.Action == "update" && e.Changes.Contains("RevokedAtUtc"));
        Assert.DoesNotContain(audit, e => e.Changes.Contains(AccessTokenAuthentication.Hash(token)));
    }

    [Fact]
    public async Task APasswordChangeNeedsTheCurrentPasswordAndTheNewOneThenSignsIn()
    {
        await using var host = await ApiHost.StartAsync();
        var (userName, oldPassword) = host.Account(Roles.Viewer);
        var session = await host.SignInAsync(Roles.Viewer);
        const string newPassword = "Vjeshtë-në-Prishtinë-2026";

        var wrongCurrent = await session.SubmitAsync("/account", "/account/password",
            new() { ["CurrentPassword"] = "not it", ["NewPassword"] = newPassword, ["ConfirmPassword"] = newPassword });
        var changed = await session.SubmitAsync("/account", "/account/password",
            new() { ["CurrentPassword"] = oldPassword, ["NewPassword"] = newPassword, ["ConfirmPassword"] = newPassword });

        Assert.Contains("The current password is not right.", await wrongCurrent.Content.ReadAsStringAsync());
        Assert.Contains("Your password is changed.", await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(host, userName, newPassword)).StatusCode);
        Assert.Contains("Sign-in failed: the user name or password is not right", await (await SignInAsync(host, userName, oldPassword)).Content.ReadAsStringAsync());
        var audit = await AuditAsync(host, "AppUser");
        Assert.Contains(audit, e => e.Action == "update" && e.Actor == userName && e.Changes.Contains("\"PasswordHash\":{\"old\":\"(hidden)\",\"new\":\"(hidden)\"}"));
    }

    [Fact]
    public async Task APrintedPasswordMustBeChangedBeforeAnythingElseWhileTokensKeepWorking()
    {
        await using var host = await ApiHost.StartAsync();
        string printed, token;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            printed = await administration.AddAsync("nora", Roles.Monitor, null);
            token = await administration.CreateTokenAsync("nora", "script");
        }
        var session = new FormClient(host.ClientHandler(), "sq");
        await session.SubmitAsync("/signin", "/signin", new() { ["UserName"] = "nora", ["Password"] = printed, ["ReturnUrl"] = "/municipalities/peje" });
        var page = await session.GetResponseAsync("/municipalities/peje");
        var api = await session.GetResponseAsync("/api/v1/meetings");
        var (_, accountPage) = await session.GetAsync("/account");
        var script = host.ClientFor(null);
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var byToken = await script.GetAsync("/api/v1/meetings");
        const string chosen = "Lumi-Bistrica-kalon-1958";
        var changed = await session.SubmitAsync("/account", "/account/password",
            new() { ["CurrentPassword"] = printed, ["NewPassword"] = chosen, ["ConfirmPassword"] = chosen });
        var (afterwards, _) = await session.GetAsync("/municipalities/peje");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("Fjalëkalimin tuaj e ka shtypur një administrator.", accountPage);
        Assert.DoesNotContain("account/tokens", accountPage);
        Assert.Equal(HttpStatusCode.OK, byToken.StatusCode);
        Assert.Equal("/", changed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, afterwards);
    }

    [Fact]
    public async Task AResetPasswordMustBeChangedAgain()
    {
        await using var host = await ApiHost.StartAsync();
        var (userName, _) = host.Account(Roles.Viewer);
        string reset;
        await using (var scope = host.Services.CreateAsyncScope())
            reset = await scope.ServiceProvider.GetRequiredService<UserAdministration>().ResetAsync(userName);
        var session = new FormClient(host.ClientHandler());
        await session.SubmitAsync("/signin", "/signin", new() { ["UserName"] = userName, ["Password"] = reset, ["ReturnUrl"] = "/" });

        var home = await session.GetResponseAsync("/");

        Assert.Equal("/account", home.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AShortPasswordIsRefusedInTheReadersLanguage()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.Viewer, language: "sq");

        var response = await session.SubmitAsync("/account", "/account/password",
            new() { ["CurrentPassword"] = host.Account(Roles.Viewer).Password, ["NewPassword"] = "short", ["ConfirmPassword"] = "short" });

        Assert.Contains("Fjalëkalimi duhet të ketë të paktën 12 shenja.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OnlyAnAdminChangesAMajorityCommunityAndAStaleChangeIsIgnored()
    {
        await using var host = await ApiHost.StartAsync();
        var monitor = await host.SignInAsync(Roles.Monitor);
        var admin = await host.SignInAsync(Roles.Admin);
        const string action = "/municipalities/peje/majority-community";

        var byMonitor = await monitor.SubmitAsync("/municipalities/peje", action, new() { ["community"] = "serbian", ["current"] = "albanian" });
        var byAdmin = await admin.SubmitAsync("/municipalities/peje", action, new() { ["community"] = "serbian", ["current"] = "albanian" });
        var stale = await admin.SubmitAsync("/municipalities/peje", action, new() { ["community"] = "turkish", ["current"] = "albanian" });
        var (_, page) = await admin.GetAsync(byAdmin.Headers.Location!.OriginalString);

        Assert.Equal("/forbidden", byMonitor.Headers.Location?.AbsolutePath);
        Assert.Equal("/municipalities/peje?changed=majority", byAdmin.Headers.Location!.OriginalString);
        Assert.Equal("/municipalities/peje", stale.Headers.Location!.OriginalString);
        Assert.Contains("The majority community of Pejë/Peć is now Kosovo Serb.", page);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        Assert.Equal(Community.Serbian, (await db.Municipalities.SingleAsync(m => m.Code == "peje")).MajorityCommunity);
        var audit = await AuditAsync(host, "Municipality");
        var change = Assert.Single(audit);
        Assert.Equal(host.Account(Roles.Admin).UserName, change.Actor);
        Assert.Contains("\"MajorityCommunity\":{\"old\":\"albanian\",\"new\":\"serbian\"}", change.Changes);
    }

    private static Task<HttpResponseMessage> SignInAsync(ApiHost host, string userName, string password) =>
        new FormClient(host.ClientHandler()).SubmitAsync("/signin", "/signin", new() { ["UserName"] = userName, ["Password"] = password, ["ReturnUrl"] = "/" });

    private static async Task<List<Audit.AuditEntry>> AuditAsync(ApiHost host, string entity)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<McscDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Entity == entity).OrderBy(e => e.Id).ToListAsync();
    }

    [GeneratedRegex("""<code class="new-token">([^<]+)</code>""")]
    private static partial Regex NewToken();

    [GeneratedRegex("""action="(/account/tokens/\d+/revoke)""")]
    private static partial Regex RevokeAction();
}
