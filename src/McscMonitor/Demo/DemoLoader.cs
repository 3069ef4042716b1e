using System.CommandLine;
using McscMonitor.Cli;
using McscMonitor.Data;
using McscMonitor.Import;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Demo;

/// <summary>Loads the illustrative data set through the importer and labels the database as illustrative.</summary>
public sealed class DemoLoader(McscDbContext db, Importer importer, Approvals.ApprovalWorkflow approvals, Publications.Publisher publisher)
{
    public async Task<ImportOutcome> LoadAsync(CancellationToken cancellationToken = default)
    {
        var municipalities = await db.Municipalities.AsNoTracking().ToListAsync(cancellationToken);
        return await importer.ImportAsync(DemoData.Tables(municipalities), "demo", label: DatasetLabel.Illustrative, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Verifies and publishes every demo year, so a newcomer sees public fact sheets at once
    /// (still labelled illustrative on every page). Years already published are left alone.
    /// </summary>
    /// <param name="years">The demo years to publish; all of them when null.</param>
    public async Task<IReadOnlyList<int>> PublishAsync(IEnumerable<int>? years = null, CancellationToken cancellationToken = default)
    {
        var published = new List<int>();
        foreach (var year in years ?? DemoData.Years)
        {
            if (await publisher.LatestAsync(year, cancellationToken) is not null) continue;
            foreach (var code in await db.KosovoMunicipalities.AsNoTracking().Select(m => m.Code).ToListAsync(cancellationToken))
            {
                await approvals.ActAsync(code, year, Core.Approval.ApprovalAction.Submit, Core.Approval.ApprovalRole.Admin, null, cancellationToken);
                await approvals.ActAsync(code, year, Core.Approval.ApprovalAction.Verify, Core.Approval.ApprovalRole.Admin, null, cancellationToken);
            }
            if ((await publisher.PublishAsync(year, null, null, cancellationToken)).Publication is not null) published.Add(year);
        }
        return published;
    }

    public async Task<bool> DatabaseIsEmptyAsync(CancellationToken cancellationToken = default) =>
        !await db.Councils.AnyAsync(cancellationToken);

    /// <summary>
    /// Loads the demo into an empty database. Two instances starting together on a new
    /// database may both find it empty; the one that loses the race finds the data there.
    /// </summary>
    public async Task<bool> LoadIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        if (!await DatabaseIsEmptyAsync(cancellationToken)) return false;
        try
        {
            return (await LoadAsync(cancellationToken)).Succeeded;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await DatabaseIsEmptyAsync(cancellationToken)) throw;
            return false;
        }
    }
}

public static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var noPublish = new Option<bool>("--no-publish") { Description = "Load the records only; do not verify and publish the demo years" };
        var command = new Command("demo", "Loads the illustrative demo data set (2019–2023), verifies and publishes its fact sheets; labelled \"illustrative data, not official figures\" wherever shown.") { noPublish };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await context.OpenServicesAsync(cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<DemoLoader>().LoadAsync(cancellationToken);
            foreach (var error in outcome.Errors) await context.Error.WriteLineAsync(error.ToString());
            if (!outcome.Succeeded) return ExitCodes.InputRejected;
            foreach (var count in outcome.Counts)
                await context.Out.WriteLineAsync($"{count.Table}: {count.Added} added, {count.Updated} updated, {count.Unchanged} unchanged");
            IReadOnlyList<int> published = result.GetValue(noPublish) ? [] : await scope.ServiceProvider.GetRequiredService<DemoLoader>().PublishAsync(cancellationToken: cancellationToken);
            await context.Out.WriteLineAsync("Demo data loaded: illustrative data, not official figures.");
            if (published.Count > 0) await context.Out.WriteLineAsync($"Verified and published the fact sheets of {string.Join(", ", published)}.");
            return ExitCodes.Done;
        });
        return command;
    }
}
