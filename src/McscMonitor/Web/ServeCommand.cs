using System.CommandLine;
using McscMonitor.Cli;
using McscMonitor.Data;
using McscMonitor.Demo;
using McscMonitor.Users;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace McscMonitor.Web;

public static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string?>("--urls") { Description = "Address to listen on (default http://localhost:5000)" };
        var demo = new Option<bool>("--demo") { Description = "Load the illustrative demo data first if the database is empty" };
        var command = new Command("serve", "Serves the web app and REST API (the default verb).") { urls, demo };
        command.SetAction((result, cancellationToken) =>
        {
            string[] args = result.GetValue(urls) is { } address ? [$"--urls={address}"] : [];
            return RunAsync(context, args, result.GetValue(demo), cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string[] args, bool demo, CancellationToken cancellationToken)
    {
        await using var app = WebApp.Build(args, context.Settings);
        await app.Services.MigrateAsync(cancellationToken);
        if (Directory.Exists(OrphanedUploads.Folder)) OrphanedUploads.Remove(OrphanedUploads.Folder, app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        if (demo)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var loader = scope.ServiceProvider.GetRequiredService<DemoLoader>();
            if (await loader.LoadIfEmptyAsync(cancellationToken))
            {
                await loader.PublishAsync(cancellationToken: cancellationToken);
                await context.Out.WriteLineAsync("Loaded the illustrative demo data (not official figures), verified and published.");
            }
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateFirstAdminAsync() is { } password)
                await context.Out.WriteLineAsync($"No users yet: created 'admin' with password {password} (shown once; the first sign-in asks for a password of your own).");
        }

        if (app.Services.GetRequiredService<FactSheet.PublisherOptions>().MissingForPublication is { } setting)
            await context.Error.WriteLineAsync(
                $"Warning: {setting} is not set. Official fact sheets cannot be published until it is (the citation names who publishes and where); the demo names an illustrative publisher.");
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        await context.Out.WriteLineAsync($"McscMonitor is serving at {string.Join(", ", addresses)} (Ctrl+C to stop).");
        await app.WaitForShutdownAsync(cancellationToken);
        return ExitCodes.Done;
    }
}
