using System.CommandLine;
using System.Text.Json;
using McscMonitor.Cli;
using McscMonitor.Core.Approval;
using McscMonitor.Core.Domain;
using McscMonitor.Data;

namespace McscMonitor.Approvals;

/// <summary>
/// `approval submit|verify|return|reopen|status`: the same rules and audit as the web, for
/// monitors who script. The command line acts with an administrator's rights, as the person
/// at the server's console has them anyway.
/// </summary>
public static class ApprovalCommand
{
    private static readonly JsonSerializerOptions IndentedJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var command = new Command("approval", "Data approval per municipality and year: submit, verify, return, reopen, status.");
        foreach (var action in new[] { ApprovalAction.Submit, ApprovalAction.Withdraw, ApprovalAction.Verify, ApprovalAction.Return, ApprovalAction.Reopen })
        {
            var year = new Option<int>("--year") { Description = "The year of the data", Required = true };
            var municipality = new Option<string>("--municipality") { Description = "Code or any official name", Required = true };
            var reason = new Option<string?>("--reason") { Description = "Why (required to return or reopen)" };
            var confirm = new Option<bool>("--confirm") { Description = "Declare a 0 where nothing is recorded (submit prints what it declares)" };
            var verb = new Command(Codes<ApprovalAction>.ToCode(action), $"{Codes<ApprovalAction>.ToCode(action)} a municipality's data for a year") { year, municipality, reason };
            if (action == ApprovalAction.Submit) verb.Options.Add(confirm);
            verb.SetAction((result, cancellationToken) =>
                ActAsync(context, action, result.GetValue(year), result.GetValue(municipality)!, result.GetValue(reason), result.GetValue(confirm), cancellationToken));
            command.Subcommands.Add(verb);
        }

        var statusYear = new Option<int>("--year") { Description = "The year", Required = true };
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var status = new Command("status", "Every municipality's approval state for a year, and what is recorded.") { statusYear, format };
        status.SetAction((result, cancellationToken) => StatusAsync(context, result.GetValue(statusYear), result.GetValue(format)!, cancellationToken));
        command.Subcommands.Add(status);
        return command;
    }

    private static async Task<int> ActAsync(
        CliContext context, ApprovalAction action, int year, string municipality, string? reason, bool confirm, CancellationToken cancellationToken)
    {
        await using var services = await context.OpenServicesAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        var match = await db.MatchMunicipalityAsync(municipality, cancellationToken);
        if (match.Municipality is null)
        {
            await context.Error.WriteLineAsync($"--municipality: {match.Describe(municipality)}");
            return ExitCodes.UsageError;
        }
        var workflow = scope.ServiceProvider.GetRequiredService<ApprovalWorkflow>();
        // Submitting declares the year complete: say what that declares, and ask for --confirm where it turns "no data" into 0.
        if (action == ApprovalAction.Submit && await workflow.PreviewAsync(match.Municipality.Code, year, ApprovalRole.Admin, cancellationToken) is { } preview)
        {
            foreach (var line in preview.Declaration.Lines) await context.Out.WriteLineAsync(line);
            if (preview.Declaration.DeclaresZero && !confirm)
            {
                await context.Error.WriteLineAsync(Core.Localization.Messages.Current["approvalConfirmNeeded"]);
                return ExitCodes.InputRejected;
            }
        }
        var decision = await workflow.ActAsync(match.Municipality.Code, year, action, ApprovalRole.Admin, reason, cancellationToken);
        if (!decision.Allowed)
        {
            await context.Error.WriteLineAsync(ApprovalEndpoints.Describe(decision, action,
                await workflow.StateAsync(match.Municipality.Code, year, cancellationToken)));
            return ExitCodes.InputRejected;
        }
        await context.Out.WriteLineAsync($"{match.Municipality.NameSq} {year}: {Codes<ApprovalState>.ToCode(decision.Next!.Value)}");
        return ExitCodes.Done;
    }

    private static async Task<int> StatusAsync(CliContext context, int year, string format, CancellationToken cancellationToken)
    {
        await using var services = await context.OpenForReadingAsync(cancellationToken);
        if (services is null) return ExitCodes.InputRejected;
        await using var scope = services.CreateAsyncScope();
        var statuses = await scope.ServiceProvider.GetRequiredService<ApprovalWorkflow>().StatusAsync(year, cancellationToken);
        if (format == "json")
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(statuses.Select(s => new
            {
                municipality = s.MunicipalityCode, s.Year, state = Codes<ApprovalState>.ToCode(s.State), s.Reason, s.ChangedAtUtc, s.ChangedBy,
                recorded = new { council = s.Recorded.Council, meetings = s.Recorded.Meetings, workPlan = s.Recorded.WorkPlan, compensation = s.Recorded.Compensation },
            }), IndentedJson));
            return ExitCodes.Done;
        }
        await context.Out.WriteLineAsync($"{"municipality",-14} {"state",-10} council meetings work_plan compensation");
        foreach (var s in statuses)
            await context.Out.WriteLineAsync(
                $"{s.MunicipalityCode,-14} {Codes<ApprovalState>.ToCode(s.State),-10} {Mark(s.Recorded.Council),-7} {Mark(s.Recorded.Meetings),-8} {Mark(s.Recorded.WorkPlan),-9} {Mark(s.Recorded.Compensation)}");
        foreach (var group in statuses.GroupBy(s => s.State).OrderBy(g => g.Key))
            await context.Out.WriteLineAsync($"{Codes<ApprovalState>.ToCode(group.Key)}: {group.Count()}");
        return ExitCodes.Done;
    }

    private static string Mark(bool recorded) => recorded ? "yes" : "-";
}
