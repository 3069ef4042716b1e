namespace McscMonitor.Core.Approval;

/// <summary>Where a municipality's data for a year stands on its way to publication.</summary>
public enum ApprovalState { Draft, Submitted, Verified, Locked }

public enum ApprovalAction { Submit, Verify, Return, Reopen, Lock, Withdraw }

/// <summary>Where a municipality-year stands, as its page names it: a draft sent back or reopened says so until it is submitted again.</summary>
public enum ApprovalStanding { Draft, Returned, Reopened, Submitted, Verified, Locked }

/// <summary>Who acts, as far as approval is concerned; an officer acts only for their own municipality.</summary>
public enum ApprovalRole { Admin, Monitor, OwnOfficer, OtherOfficer, Viewer }

/// <summary>Why a step was refused; its message is <c>approval{Refusal}</c> in the validation catalog.</summary>
public enum ApprovalRefusal { NotAllowed, FourEyes, WrongState, ReasonRequired, ReasonInvalid, YearNotEnded, YearInvalid, UnknownMunicipality, EvidenceMissing }

/// <summary>A transition allowed, or why not, with the message already written where it needs more than the step and the state.</summary>
public sealed record ApprovalDecision(ApprovalState? Next, ApprovalRefusal? Refusal, string? Detail = null)
{
    public bool Allowed => Next is not null;

    public static ApprovalDecision Refused(ApprovalRefusal refusal, string? detail = null) => new(null, refusal, detail);

    /// <summary>The key of the refusal's message in the validation catalog.</summary>
    public string? MessageKey => Refusal is { } refusal ? $"approval{refusal}" : null;
}

/// <summary>
/// The lock-on-approval workflow: draft → submitted (the municipality's officer or a monitor)
/// → verified (a monitor) → locked (when a fact sheet is published). A monitor sends submitted
/// data back with a reason; the officer may withdraw a submission until it is verified;
/// verified or locked data is reopened only by a monitor or admin, with a reason. A year is
/// submitted only once it has ended: before, its records cannot be complete. Only a draft can
/// be edited.
/// </summary>
public static class ApprovalRules
{
    public static bool IsEditable(ApprovalState state) => state == ApprovalState.Draft;

    /// <param name="reasonFrom">The action that gave the standing reason: a return or a reopening.</param>
    public static ApprovalStanding Standing(ApprovalState state, string? reason, ApprovalAction? reasonFrom) => state switch
    {
        ApprovalState.Draft when reason is null => ApprovalStanding.Draft,
        ApprovalState.Draft => reasonFrom == ApprovalAction.Reopen ? ApprovalStanding.Reopened : ApprovalStanding.Returned,
        ApprovalState.Submitted => ApprovalStanding.Submitted,
        ApprovalState.Verified => ApprovalStanding.Verified,
        _ => ApprovalStanding.Locked,
    };

    /// <param name="yearEnded">Whether the year's last day has passed; a year in progress cannot be submitted.</param>
    public static ApprovalDecision Decide(ApprovalState state, ApprovalAction action, ApprovalRole role, string? reason, bool yearEnded = true)
    {
        var monitoring = role is ApprovalRole.Admin or ApprovalRole.Monitor;
        var (from, to, mayAct, needsReason) = action switch
        {
            ApprovalAction.Submit => (new[] { ApprovalState.Draft }, ApprovalState.Submitted, monitoring || role == ApprovalRole.OwnOfficer, false),
            ApprovalAction.Verify => ([ApprovalState.Submitted], ApprovalState.Verified, monitoring, false),
            ApprovalAction.Return => ([ApprovalState.Submitted], ApprovalState.Draft, monitoring, true),
            ApprovalAction.Reopen => ([ApprovalState.Verified, ApprovalState.Locked], ApprovalState.Draft, monitoring, true),
            ApprovalAction.Withdraw => ([ApprovalState.Submitted], ApprovalState.Draft, monitoring || role == ApprovalRole.OwnOfficer, false),
            _ => ([ApprovalState.Verified], ApprovalState.Locked, monitoring, false),
        };
        if (!mayAct) return ApprovalDecision.Refused(ApprovalRefusal.NotAllowed);
        if (!from.Contains(state)) return ApprovalDecision.Refused(ApprovalRefusal.WrongState);
        if (needsReason && string.IsNullOrWhiteSpace(reason)) return ApprovalDecision.Refused(ApprovalRefusal.ReasonRequired);
        if (action == ApprovalAction.Submit && !yearEnded) return ApprovalDecision.Refused(ApprovalRefusal.YearNotEnded);
        return new ApprovalDecision(to, null);
    }
}
