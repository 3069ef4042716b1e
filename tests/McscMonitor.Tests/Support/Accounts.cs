using McscMonitor.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace McscMonitor.Tests.Support;

internal static class Accounts
{
    /// <summary>
    /// An account with a printed password, whose owner has since chosen their own (here: kept it),
    /// so a test can sign in and go straight to what it checks.
    /// </summary>
    public static async Task<string> AddSettledAsync(IServiceProvider services, string userName, string role, string? municipality)
    {
        var password = await services.GetRequiredService<UserAdministration>().AddAsync(userName, role, municipality);
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        return password;
    }
}
