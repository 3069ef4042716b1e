using System.Globalization;
using System.Security.Claims;
using McscMonitor.Approvals.Pages;
using McscMonitor.Core.Approval;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Users;
using McscMonitor.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McscMonitor.Approvals;

public sealed record ApprovalForm(string? Reason, string? ReturnUrl, bool Confirmed);

/// <summary>The page that asks a person to confirm what submitting a year declares.</summary>
public sealed record ApprovalConfirmModel(string Code, string Name, int Year, Declaration Declaration, string ReturnUrl);

/// <summary>The approval overview for monitors, and the transitions from the browser (a form per action).</summary>
/// <param name="Due">For the year in progress only: what each municipality has still to do.</param>
/// <param name="Evidence">Each municipality's evidence counts for the year; a municipality with no record that calls for a document is absent.</param>
public sealed record ApprovalsModel(
    int Year, IReadOnlyList<ApprovalStatus> Statuses, IReadOnlyDictionary<string, IReadOnlyList<Core.Approval.DueItem>>? Due, IReadOnlyList<int> Years,
    IReadOnlyDictionary<string, IReadOnlyList<Attachments.EvidenceCount>> Evidence);

internal static class ApprovalEndpoints
{
    public static IEndpointRouteBuilder MapApprovals(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/approvals", async (int? year, ApprovalWorkflow workflow, Indicators.IndicatorQuery query, Web.StaffYears staffYears,
                Data.McscDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var today = Today.Of(clock);
                var (years, shown) = await staffYears.ChooseAsync(year, cancellationToken);
                return PageResult.For<ApprovalsView, ApprovalsModel>(new ApprovalsModel(
                    shown,
                    await workflow.StatusAsync(shown, cancellationToken),
                    // What monitors follow up across municipalities, for the year in progress only.
                    shown == today.Year
                        ? await workflow.DueAsync((await query.ComputeAsync(shown, Language.En, cancellationToken)).Municipalities, today, cancellationToken)
                        : null,
                    years,
                    await Attachments.EvidenceQuery.CountsForYearAsync(db, shown, cancellationToken)));
            })
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin, Roles.Monitor)).ExcludeFromDescription();

        routes.MapPost("/approvals/{code}/{year:int}/{step}", async (
                string code, int year, string step, IFormCollection posted, ApprovalWorkflow workflow, ClaimsPrincipal user,
                CancellationToken cancellationToken) =>
            {
                var form = new ApprovalForm(posted["Reason"].FirstOrDefault(), posted["ReturnUrl"].FirstOrDefault(), posted["Confirm"] == "yes");
                if (!Codes<ApprovalAction>.TryParse(step, out var parsed) || parsed == ApprovalAction.Lock) return (IResult)TypedResults.NotFound();
                var back = RedirectHttpResult.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : $"/municipalities/{code}?year={year.ToString(CultureInfo.InvariantCulture)}";
                // Declaring a year complete is deliberate: the first click shows what it declares, the second submits.
                if (parsed == ApprovalAction.Submit && !form.Confirmed
                    && await workflow.PreviewAsync(code, year, ApprovalWorkflow.RoleOf(user, code), cancellationToken) is { } preview)
                    return PageResult.For<ApprovalConfirmView, ApprovalConfirmModel>(new ApprovalConfirmModel(code, preview.Name, year, preview.Declaration, back));
                var decision = await workflow.ActAsync(code, year, parsed, ApprovalWorkflow.RoleOf(user, code), form.Reason, cancellationToken);
                if (decision.Allowed) return TypedResults.LocalRedirect(back);
                if (decision.Refusal == ApprovalRefusal.YearInvalid) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [decision.Detail!] });
                return TypedResults.Problem(Describe(decision, parsed, await workflow.StateAsync(code, year, cancellationToken)),
                    statusCode: decision.Refusal!.Value switch
                    {
                        ApprovalRefusal.NotAllowed or ApprovalRefusal.FourEyes => StatusCodes.Status403Forbidden,
                        ApprovalRefusal.ReasonInvalid or ApprovalRefusal.YearInvalid => StatusCodes.Status400BadRequest,
                        ApprovalRefusal.UnknownMunicipality => StatusCodes.Status404NotFound,
                        ApprovalRefusal.WrongState or ApprovalRefusal.ReasonRequired or ApprovalRefusal.YearNotEnded or ApprovalRefusal.EvidenceMissing => StatusCodes.Status409Conflict,
                    });
            })
            .RequireAuthorization().ExcludeFromDescription();
        return routes;
    }

    public static string Describe(ApprovalDecision decision, ApprovalAction action, ApprovalState state) =>
        decision.Detail ?? Messages.Format(decision.MessageKey!, ("action", Step(action)),
            ("state", Messages.Current[$"state.{Codes<ApprovalState>.ToCode(state)}"]),
            // The steps a monitor could take from here, so a refusal says what would work instead.
            ("steps", string.Join(", ", Enum.GetValues<ApprovalAction>()
                .Where(step => ApprovalRules.Decide(state, step, ApprovalRole.Admin, "a reason").Allowed).Select(Step))));

    private static string Step(ApprovalAction action) => Messages.Current[$"action.{Codes<ApprovalAction>.ToCode(action)}"];
}
