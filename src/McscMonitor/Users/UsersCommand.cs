using System.CommandLine;
using McscMonitor.Cli;

namespace McscMonitor.Users;

public static class UsersCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "User name" };
        var role = new Option<string>("--role") { Description = string.Join(", ", Roles.All), Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var municipality = new Option<string?>("--municipality") { Description = "The municipality a municipal officer works for" };
        var add = new Command("add", "Adds a user and prints a generated password once.") { name, role, municipality };
        add.SetAction((result, token) => RunAsync(context, async users =>
        {
            var password = await users.AddAsync(result.GetValue(name)!, result.GetValue(role)!, result.GetValue(municipality));
            return $"User {result.GetValue(name)} added. Password (shown once; they choose their own at first sign-in): {password}";
        }, token));

        var resetName = new Argument<string>("NAME") { Description = "User name" };
        var reset = new Command("reset", "Sets a new generated password, printed once, lifts a lockout, and ends the user's sessions and tokens.") { resetName };
        reset.SetAction((result, token) => RunAsync(context, async users =>
            $"New password for {result.GetValue(resetName)} (shown once; they choose their own at next sign-in): {await users.ResetAsync(result.GetValue(resetName)!)}", token));

        var list = new Command("list", "Lists users with their roles and municipality.");
        list.SetAction((result, token) => RunAsync(context, async users => string.Join(Environment.NewLine,
            (await users.ListAsync()).Select(u => $"{u.UserName}\t{string.Join(",", u.Roles)}\t{u.Municipality ?? "-"}{(u.LockedOut ? "\tlocked out" : "")}{(u.Disabled ? "\tdisabled" : "")}")), token));

        var tokenUser = new Argument<string>("NAME") { Description = "User name" };
        var tokenName = new Option<string>("--name") { Description = "What the token is for", DefaultValueFactory = _ => "script" };
        var tokenCommand = new Command("token", "Creates a personal access token for scripts, printed once.") { tokenUser, tokenName };
        tokenCommand.SetAction((result, token) => RunAsync(context, async users =>
            $"Token (shown once; send as 'Authorization: Bearer …'): {await users.CreateTokenAsync(result.GetValue(tokenUser)!, result.GetValue(tokenName)!)}", token));

        var revokeUser = new Argument<string>("NAME") { Description = "User name" };
        var revokeName = new Option<string>("--name") { Description = "The name the token was given", Required = true };
        var revoke = new Command("revoke", "Revokes a user's personal access tokens of that name.") { revokeUser, revokeName };
        revoke.SetAction((result, token) => RunAsync(context, async users =>
            $"Revoked {await users.RevokeTokensAsync(result.GetValue(revokeUser)!, result.GetValue(revokeName)!)} token(s).", token));

        var disableName = new Argument<string>("NAME") { Description = "User name" };
        var disable = new Command("disable", "Disables a user: no sign-in, and their sessions and tokens stop working.") { disableName };
        disable.SetAction((result, token) => RunAsync(context, async users =>
        {
            await users.DisableAsync(result.GetValue(disableName)!);
            return $"User {result.GetValue(disableName)} disabled.";
        }, token));

        var enableName = new Argument<string>("NAME") { Description = "User name" };
        var enable = new Command("enable", "Enables a disabled user again.") { enableName };
        enable.SetAction((result, token) => RunAsync(context, async users =>
        {
            await users.EnableAsync(result.GetValue(enableName)!);
            return $"User {result.GetValue(enableName)} enabled.";
        }, token));

        var roleName = new Argument<string>("NAME") { Description = "User name" };
        var newRole = new Option<string>("--role") { Description = string.Join(", ", Roles.All), Required = true };
        newRole.AcceptOnlyFromAmong([.. Roles.All]);
        var newMunicipality = new Option<string?>("--municipality") { Description = "The municipality a municipal officer works for" };
        var roleCommand = new Command("role", "Gives a user another role (and an officer a municipality); their sessions end.") { roleName, newRole, newMunicipality };
        roleCommand.SetAction((result, token) => RunAsync(context, async users =>
        {
            await users.ChangeRoleAsync(result.GetValue(roleName)!, result.GetValue(newRole)!, result.GetValue(newMunicipality));
            return $"User {result.GetValue(roleName)} is now {result.GetValue(newRole)}.";
        }, token));

        var unlockName = new Argument<string>("NAME") { Description = "User name" };
        var unlock = new Command("unlock", "Lifts a lockout after too many wrong passwords.") { unlockName };
        unlock.SetAction((result, token) => RunAsync(context, async users =>
        {
            await users.UnlockAsync(result.GetValue(unlockName)!);
            return $"User {result.GetValue(unlockName)} unlocked.";
        }, token));

        return new Command("users", "Manages the people who sign in.") { add, reset, list, tokenCommand, revoke, disable, enable, roleCommand, unlock };
    }

    private static async Task<int> RunAsync(CliContext context, Func<UserAdministration, Task<string>> action, CancellationToken cancellationToken)
    {
        await using var services = await context.OpenServicesAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        try
        {
            await context.Out.WriteLineAsync(await action(scope.ServiceProvider.GetRequiredService<UserAdministration>()));
            return ExitCodes.Done;
        }
        catch (UserException rejected)
        {
            await context.Error.WriteLineAsync(rejected.Message);
            return ExitCodes.InputRejected;
        }
    }
}
