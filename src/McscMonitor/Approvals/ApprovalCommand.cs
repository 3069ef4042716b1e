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
        var command = new Command("approval", "Data approval per municipality and year: submit, withdraw, verify, return, reopen, status.");
        foreach (var action in new[] { ApprovalAction.Submit, ApprovalAction.Withdraw, ApprovalAction.Verify, ApprovalAction.Return, ApprovalAction.Reopen })
        {
            var year = new Option<int>("--year") { Description = "The year of the data", Required = true };
            var municipality = new Option<string>("--municipality") { Description = "Code or any official name", Required = true };
            var reason = new Option<string?>("--reason") { Description = "Why (required to return or reopen)" };
            var confirm = new Option<bool>("--confirm") { Description = "Declare a 0 where nothing is recorded (submit prints what it declares)" };
            var verb = new Command(Codes<ApprovalAction>.ToCode(action), Describe(action)) { year, municipality, reason };
            if (action == ApprovalAction.Submit) verb.Options.Add(confirm);
            verb.SetAction((result, cancellationToken) =>
                ActAsync(context, action, result.GetValue(year), result.GetValue(municipality)!, result.GetValue(reason), result.GetValue(confirm), cancellationToken));
            command.Subcommands.Add(verb);
        }

        var statusYear = new Option<int>("--year") { Description = "The year", Required = true };
        var format = new Option<string>("--format") { Description = "Output: table (words and names) or json (codes, for scripts)", DefaultValueFactory = _ => "table" };
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
                await context.Error.WriteLineAsync(Sentence(Core.Localization.Messages.Current["approvalConfirmNeeded"]));
                return ExitCodes.InputRejected;
            }
        }
        var decision = await workflow.ActAsync(match.Municipality.Code, year, action, ApprovalRole.Admin, reason, cancellationToken);
        if (!decision.Allowed)
        {
            await context.Error.WriteLineAsync(Sentence(ApprovalEndpoints.Describe(decision, action,
                await workflow.StateAsync(match.Municipality.Code, year, cancellationToken))));
            return ExitCodes.InputRejected;
        }
        var texts = Web.UiTexts.For(Language.En);
        await context.Out.WriteLineAsync($"The data of {match.Municipality.Name(Language.En)} for {year} is now {texts[$"approval.{Codes<ApprovalState>.ToCode(decision.Next!.Value)}"]}.");
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
        // In words and names, in the Albanian alphabet's order as the sheet lists them; --format json keeps the codes for scripts.
        var texts = Web.UiTexts.For(Language.En);
        var names = ReferenceData.ReferenceCatalog.Municipalities.ToDictionary(m => m.Code, m => m.Name(Language.En));
        string Mark(bool recorded) => texts[recorded ? "approvals.recorded" : "approvals.missing"];
        string[] headers = ["Municipality", "State", "Council", "Meetings", "Work plan", "Compensation", "Last step by"];
        var rows = statuses
            .OrderBy(s => names.GetValueOrDefault(s.MunicipalityCode, s.MunicipalityCode), StringComparer.Create(Web.UiTexts.For(Language.Sq).Culture, ignoreCase: true))
            .Select(s => new[]
            {
                names.GetValueOrDefault(s.MunicipalityCode, s.MunicipalityCode), texts[$"approval.{Codes<ApprovalStanding>.ToCode(s.Standing)}"],
                Mark(s.Recorded.Council), Mark(s.Recorded.Meetings), Mark(s.Recorded.WorkPlan), Mark(s.Recorded.Compensation),
                s.ChangedBy is { } by ? Audit.AuditActor.Display(by, texts) : "—",
            }).ToList();
        var widths = headers.Select((header, column) => rows.Select(row => row[column].Length).Append(header.Length).Max()).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd();
        await context.Out.WriteLineAsync(Line(headers));
        foreach (var row in rows) await context.Out.WriteLineAsync(Line(row));
        foreach (var s in statuses.Where(s => s.Reason is not null))
            await context.Out.WriteLineAsync($"{names.GetValueOrDefault(s.MunicipalityCode, s.MunicipalityCode)}, {texts[$"approval.{Codes<ApprovalStanding>.ToCode(s.Standing)}"]}: {s.Reason}");
        await context.Out.WriteLineAsync(string.Join(", ", statuses.GroupBy(s => s.Standing).OrderBy(g => g.Key)
            .Select(g => $"{g.Count()} {texts[$"approval.{Codes<ApprovalStanding>.ToCode(g.Key)}"]}")) + $" of {statuses.Count} municipalities.");
        return ExitCodes.Done;
    }


    private static string Describe(ApprovalAction action) => action switch
    {
        ApprovalAction.Submit => "Submits a municipality's data for a year that has ended, declaring it complete (--confirm where that turns no data into 0).",
        ApprovalAction.Verify => "Verifies a municipality's submitted data for a year.",
        ApprovalAction.Return => "Sends a municipality's submitted data back to its officer, with a --reason.",
        ApprovalAction.Reopen => "Reopens a municipality's verified or locked data for a year, with a --reason.",
        ApprovalAction.Withdraw => "Withdraws a submission that is not yet verified.",
        _ => "Locks a municipality's verified data for a year.",
    };

    /// <summary>A validation message (written to follow a field's name) as a sentence of its own.</summary>
    private static string Sentence(string message) =>
        message.Length == 0 ? message : char.ToUpper(message[0], System.Globalization.CultureInfo.InvariantCulture) + message[1..] + (message.EndsWith('.') ? "" : ".");
}
