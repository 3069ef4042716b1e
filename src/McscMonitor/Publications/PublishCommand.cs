using System.CommandLine;
using McscMonitor.Cli;

namespace McscMonitor.Publications;

/// <summary>`publish` and `publications list`: the same rules and audit as the publications page.</summary>
public static class PublishCommand
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        var year = new Option<int>("--year") { Description = "The year of the fact sheet", Required = true };
        var note = new Option<string?>("--note") { Description = "What this version says of itself; required from version 2 on (what it corrects)" };
        var unverified = new Option<string?>("--unverified-reason") { Description = "Why municipalities not yet verified are published as they are" };
        var publish = new Command("publish", "Publishes a year's fact sheet as a new, frozen version; prints its number.") { year, note, unverified };
        publish.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await context.OpenServicesAsync(cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<Publisher>()
                .PublishAsync(result.GetValue(year), result.GetValue(note), result.GetValue(unverified), cancellationToken);
            if (outcome.Publication is null)
            {
                await context.Error.WriteLineAsync(outcome.Refusal);
                return ExitCodes.InputRejected;
            }
            await context.Out.WriteLineAsync(Publisher.Number(outcome.Publication.Number));
            return ExitCodes.Done;
        });

        var listYear = new Option<int?>("--year") { Description = "Only this year" };
        var list = new Command("list", "Lists the published versions.") { listYear };
        list.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await context.OpenForReadingAsync(cancellationToken);
            if (services is null) return ExitCodes.InputRejected;
            await using var scope = services.CreateAsyncScope();
            foreach (var p in await scope.ServiceProvider.GetRequiredService<Publisher>().ListAsync(result.GetValue(listYear), cancellationToken))
                await context.Out.WriteLineAsync($"{p.Year}\tv{p.Number}\t{p.PublishedAtUtc:yyyy-MM-dd HH:mm}Z\t{p.PublishedBy}\t{p.Note}");
            return ExitCodes.Done;
        });
        return [publish, new Command("publications", "Published fact sheet versions.") { list }];
    }
}
