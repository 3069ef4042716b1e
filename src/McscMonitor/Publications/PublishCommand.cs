using System.CommandLine;
using McscMonitor.Cli;
using McscMonitor.FactSheet;

namespace McscMonitor.Publications;

/// <summary>`publish`, `publications list` and `publications verify`: the same rules and audit as the publications page.</summary>
public static class PublishCommand
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        var year = new Option<int>("--year") { Description = "The year of the fact sheet", Required = true };
        var noteEn = new Option<string?>("--note") { Description = "From version 2 on: what this version corrects, in English (with --note-sq and --note-sr)" };
        var noteSq = new Option<string?>("--note-sq") { Description = "The same change note in Albanian" };
        var noteSr = new Option<string?>("--note-sr") { Description = "The same change note in Serbian, Latin script (the Cyrillic sheet transliterates it)" };
        var unverified = new Option<string?>("--unverified-reason") { Description = "Why municipalities not yet verified are published as they are" };
        var publish = new Command("publish", "Publishes a year's fact sheet as a new, frozen version and prints its address.") { year, noteEn, noteSq, noteSr, unverified };
        publish.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await context.OpenServicesAsync(cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<Publisher>().PublishAsync(result.GetValue(year),
                new CorrectionNote(result.GetValue(noteSq), result.GetValue(noteSr), result.GetValue(noteEn)), result.GetValue(unverified), cancellationToken);
            if (outcome.Publication is not { } published)
            {
                await context.Error.WriteLineAsync(outcome.Refusal);
                return ExitCodes.InputRejected;
            }
            var site = services.GetRequiredService<PublisherOptions>().SiteUrl ?? "";
            await context.Out.WriteLineAsync(
                $"Version {published.Number} of the {published.Year} fact sheet is published: {site}/factsheet/{published.Year}/v{published.Number}/en");
            return ExitCodes.Done;
        });

        var listYear = new Option<int?>("--year") { Description = "Only this year" };
        var list = new Command("list", "Lists the published versions, oldest first.") { listYear };
        list.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await context.OpenForReadingAsync(cancellationToken);
            if (services is null) return ExitCodes.InputRejected;
            await using var scope = services.CreateAsyncScope();
            await context.Out.WriteLineAsync("Year\tVersion\tPublished (UTC)\tBy\tRecords SHA-256\tNote\tPublished unverified because");
            foreach (var p in await scope.ServiceProvider.GetRequiredService<Publisher>().ListAsync(result.GetValue(listYear), cancellationToken))
                await context.Out.WriteLineAsync(
                    $"{p.Year}\tv{p.Number}\t{p.PublishedAtUtc:yyyy-MM-dd HH:mm}\t{p.PublishedBy}\t{p.SourceChecksum}\t{p.Note}\t{p.UnverifiedReason}");
            return ExitCodes.Done;
        });

        var verifyYear = new Option<int>("--year") { Description = "The year of the fact sheet", Required = true };
        var verifyVersion = new Option<int?>("--version") { Description = "The version to check (default: the latest)" };
        var verify = new Command("verify",
            "Checks a published version: its stored files against their SHA-256 and the year's records against its records checksum. Exits 1 when they no longer match.")
            { verifyYear, verifyVersion };
        verify.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await context.OpenForReadingAsync(cancellationToken);
            if (services is null) return ExitCodes.InputRejected;
            await using var scope = services.CreateAsyncScope();
            var (y, n) = (result.GetValue(verifyYear), result.GetValue(verifyVersion));
            if (await scope.ServiceProvider.GetRequiredService<PublicationVerifier>().VerifyAsync(y, n, cancellationToken) is not { } check)
            {
                await context.Error.WriteLineAsync(n is null ? $"The {y} fact sheet has not been published." : $"The {y} fact sheet has no version {n}.");
                return ExitCodes.InputRejected;
            }
            foreach (var finding in check.Findings) await context.Out.WriteLineAsync(finding);
            await (check.Matches ? context.Out : context.Error).WriteLineAsync(check.Matches
                ? $"Version {check.Number} of the {check.Year} fact sheet is intact."
                : $"Version {check.Number} of the {check.Year} fact sheet no longer matches what was published.");
            return check.Matches ? ExitCodes.Done : ExitCodes.InputRejected;
        });
        return [publish, new Command("publications", "Published fact sheet versions.") { list, verify }];
    }
}
