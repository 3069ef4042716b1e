namespace McscMonitor.Core.Approval;

/// <summary>Where a municipality's data for a year stands on its way to publication.</summary>
public enum ApprovalState { Draft, Submitted, Verified, Locked }

public enum ApprovalAction { Submit, Verify, Return, Reopen, Lock }

/// <summary>Who acts, as far as approval is concerned; an officer acts only for their own municipality.</summary>
public enum ApprovalRole { Admin, Monitor, OwnOfficer, OtherOfficer, Viewer }

/// <summary>A transition allowed, or why not: a message key of the validation catalog, or a message already written.</summary>
public sealed record ApprovalDecision(ApprovalState? Next, string? Refusal, string? Detail = null)
{
    public bool Allowed => Next is not null;
}

/// <summary>
/// The lock-on-approval workflow: draft → submitted (the municipality's officer or a monitor)
/// → verified (a monitor) → locked (when a fact sheet is published). A monitor sends submitted
/// data back with a reason; verified or locked data is reopened only by a monitor or admin,
/// with a reason. Only a draft can be edited.
/// </summary>
public static class ApprovalRules
{
    public static bool IsEditable(ApprovalState state) => state == ApprovalState.Draft;

    public static ApprovalDecision Decide(ApprovalState state, ApprovalAction action, ApprovalRole role, string? reason)
    {
        var monitoring = role is ApprovalRole.Admin or ApprovalRole.Monitor;
        var (from, to, mayAct, needsReason) = action switch
        {
            ApprovalAction.Submit => (new[] { ApprovalState.Draft }, ApprovalState.Submitted, monitoring || role == ApprovalRole.OwnOfficer, false),
            ApprovalAction.Verify => ([ApprovalState.Submitted], ApprovalState.Verified, monitoring, false),
            ApprovalAction.Return => ([ApprovalState.Submitted], ApprovalState.Draft, monitoring, true),
            ApprovalAction.Reopen => ([ApprovalState.Verified, ApprovalState.Locked], ApprovalState.Draft, monitoring, true),
            _ => ([ApprovalState.Verified], ApprovalState.Locked, monitoring, false),
        };
        if (!mayAct) return new ApprovalDecision(null, "approvalNotAllowed");
        if (!from.Contains(state)) return new ApprovalDecision(null, "approvalWrongState");
        if (needsReason && string.IsNullOrWhiteSpace(reason)) return new ApprovalDecision(null, "approvalReasonRequired");
        return new ApprovalDecision(to, null);
    }
}
