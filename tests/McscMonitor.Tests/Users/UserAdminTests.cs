using System.Net;
using McscMonitor.Data;
using McscMonitor.Users;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Tests;

public class UserAdminTests
{
    [Fact]
    public async Task ARefusedNewUserKeepsWhatWasTypedWithTheErrorBesideTheForm()
    {
        await using var host = await ApiHost.StartAsync();
        var admin = await host.SignInAsync(Roles.Admin);

        var refused = await admin.SubmitAsync("/admin/users", "/admin/users", new() { ["userName"] = "olga", ["role"] = Roles.MunicipalOfficer, ["municipality"] = "" });
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("value=\"olga\"", html);
        Assert.Matches($"<option value=\"{Roles.MunicipalOfficer}\" selected", html);
        Assert.Contains("id=\"new-user-error\" role=\"alert\"", html);
        Assert.Contains("aria-describedby=\"new-user-error\"", html);
    }

    [Fact]
    public void GeneratedPasswordsHaveNoFixedPartAndMeetEveryRule()
    {
        var passwords = Enumerable.Range(0, 1000).Select(_ => UserAdministration.NewPassword("vera")).ToList();

        Assert.All(passwords, password =>
        {
            Assert.Equal(22, password.Length);
            Assert.Contains(password, char.IsDigit);
            Assert.Contains(password, char.IsUpper);
            Assert.Contains(password, char.IsLower);
            Assert.Contains(password, c => !char.IsLetterOrDigit(c));
        });
        // No position holds the same character in every password: no "-7aA" tail a guesser could count on.
        for (var position = 0; position < 22; position++)
            Assert.True(passwords.Select(p => p[position]).Distinct().Count() > 10, $"position {position} hardly varies");
        Assert.Equal(1000, passwords.Distinct().Count());
    }

    [Fact]
    public async Task AnAdminChangesARoleInTheBrowserAndTheChangeIsAuditedAndTheUsersSessionsEnd()
    {
        await using var host = await ApiHost.StartAsync();
        var admin = await host.SignInAsync(Roles.Admin);
        var viewer = await host.SignInAsync(Roles.Viewer);

        var response = await admin.SubmitAsync("/admin/users", "/admin/users/vera/role", new() { ["role"] = Roles.MunicipalOfficer, ["municipality"] = "prizren" });
        var (_, page) = await admin.GetAsync(response.Headers.Location!.OriginalString);
        var viewerNext = await viewer.GetResponseAsync("/account");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("vera is now: municipal officer.", page);
        Assert.Equal(HttpStatusCode.Redirect, viewerNext.StatusCode);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        var audit = await db.AuditEntries.Where(e => e.Actor == "ada" && e.Entity == "IdentityUserRole").ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains(audit, e => e.Action == "create");
        Assert.Contains(audit, e => e.Action == "delete");
        Assert.Equal("prizren", (await db.Users.SingleAsync(u => u.UserName == "vera", TestContext.Current.CancellationToken)).MunicipalityCode);
    }

    [Fact]
    public async Task AnAdminCannotDisableThemselvesAndIsToldWhyInTheirLanguage()
    {
        await using var host = await ApiHost.StartAsync();
        var admin = await host.SignInAsync(Roles.Admin, "sq");

        var response = await admin.SubmitAsync("/admin/users", "/admin/users/ada/disable", []);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nuk mund ta çaktivizoni llogarinë tuaj", html);
    }

    [Fact]
    public async Task ADuplicateUserNameIsRefusedInTheReadersLanguage()
    {
        await using var host = await ApiHost.StartAsync();
        var admin = await host.SignInAsync(Roles.Admin, "sr-Latn");

        var response = await admin.SubmitAsync("/admin/users", "/admin/users", new() { ["userName"] = "mona", ["role"] = Roles.Viewer });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("Korisničko ime „mona” je već zauzeto.", html);
        Assert.DoesNotContain("new-password", html);
    }

    [Fact]
    public async Task AnOverlongUserNameIsRefusedInWordsAndNothingIsCreated()
    {
        await using var host = await ApiHost.StartAsync();
        var admin = await host.SignInAsync(Roles.Admin, "sq");

        var response = await admin.SubmitAsync("/admin/users", "/admin/users", new() { ["userName"] = new string('a', 65), ["role"] = Roles.Viewer });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var list = await host.RunCliAsync("users", "list");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Emri i përdoruesit mund të ketë të shumtën 64 shenja.", html);
        Assert.DoesNotContain(new string('a', 65), list.Output);
    }

    [Theory]
    [InlineData(Roles.Monitor)]
    [InlineData(Roles.MunicipalOfficer)]
    [InlineData(Roles.Viewer)]
    public async Task OnlyAdminsReachUserAdministration(string role)
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(role);

        var response = await session.GetResponseAsync("/admin/users");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheCliUnlocksALockedOutUserAndChangesARole()
    {
        await using var host = await ApiHost.StartAsync();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var mona = await users.FindByNameAsync("mona");
            await users.SetLockoutEndDateAsync(mona!, DateTimeOffset.UtcNow.AddHours(1));
        }

        var unlock = await host.RunCliAsync("users", "unlock", "mona");
        var again = await host.RunCliAsync("users", "unlock", "mona");
        var role = await host.RunCliAsync("users", "role", "mona", "--role", Roles.Viewer);
        var list = await host.RunCliAsync("users", "list");

        Assert.Equal(0, unlock.ExitCode);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("mona is not locked out.", again.Error);
        Assert.Equal(0, role.ExitCode);
        Assert.Contains($"mona\t{Roles.Viewer}\t-", list.Output);
    }
}
