using System.Security.Claims;
using McscMonitor.Audit;
using McscMonitor.Core.Approval;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Users;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Approvals;

/// <summary>What is recorded of a municipality's year: what a monitor checks before verifying.</summary>
public sealed record Completeness(bool Council, bool Meetings, bool WorkPlan, bool Compensation)
{
    public bool All => Council && Meetings && WorkPlan && Compensation;
}

/// <summary>What submitting a year declares, line by line; <see cref="DeclaresZero"/> when "no data" would become a counted 0.</summary>
public sealed record Declaration(IReadOnlyList<string> Lines, bool DeclaresZero);

public sealed record ApprovalStatus(
    string MunicipalityCode, int Year, ApprovalState State, string? Reason, DateTime? ChangedAtUtc, string? ChangedBy, Completeness Recorded,
    ApprovalStanding Standing = ApprovalStanding.Draft);

/// <summary>
/// `Approval:FourEyes` (off by default): the monitor who verifies a municipality's year is not
/// the one who submitted it, and whoever publishes is not the only verifier (design §7).
/// `Approval:EvidenceRequired` (off by default): a year is not verified while one of its held
/// meetings has no file attached (its minutes).
/// </summary>
public sealed record ApprovalOptions(bool FourEyes, bool EvidenceRequired = false)
{
    public static ApprovalOptions From(IConfiguration configuration) =>
        new(configuration.GetValue("Approval:FourEyes", false), configuration.GetValue("Approval:EvidenceRequired", false));
}

/// <summary>
/// The approval of each municipality's data for a year, on one code path for the web and the
/// command line: the rules of <see cref="ApprovalRules"/>, each transition audited with its reason.
/// </summary>
public sealed class ApprovalWorkflow(McscDbContext db, AuditActor actor, TimeProvider clock, Core.Rules.Rulebook rulebook, ApprovalOptions options)
{
    public bool FourEyes => options.FourEyes;

    public static ApprovalRole RoleOf(ClaimsPrincipal user, string municipalityCode) =>
        user.IsInRole(Roles.Admin) ? ApprovalRole.Admin
        : user.IsInRole(Roles.Monitor) ? ApprovalRole.Monitor
        : user.IsInRole(Roles.MunicipalOfficer)
            ? RecordAccess.CanAccess(user, municipalityCode) ? ApprovalRole.OwnOfficer : ApprovalRole.OtherOfficer
            : ApprovalRole.Viewer;

    public async Task<ApprovalDecision> ActAsync(
        string municipalityCode, int year, ApprovalAction action, ApprovalRole role, string? reason, CancellationToken cancellationToken = default)
    {
        // A reason is free text like any other: bounded, without control or direction characters.
        if (Core.Domain.RecordRules.Text(reason, Core.Domain.TextLimits.Reason) is { } badReason)
            return ApprovalDecision.Refused(ApprovalRefusal.ReasonInvalid, badReason);
        if (year is < Core.Domain.YearBounds.First or > Core.Domain.YearBounds.Last)
            return ApprovalDecision.Refused(ApprovalRefusal.YearInvalid, Core.Domain.RecordRules.NotAYear(year.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (!await db.Municipalities.AnyAsync(m => m.Code == municipalityCode, cancellationToken))
            return ApprovalDecision.Refused(ApprovalRefusal.UnknownMunicipality, Messages.Format("unknownMunicipality", ("input", municipalityCode)));

        // The state is read under the lock that record writes share: a write in flight finishes
        // first, and none starts until this step is committed (ClosedYears).
        await using var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await ClosedYears.EnterStateChangeAsync(db, cancellationToken);
        var row = await db.Approvals.FirstOrDefaultAsync(a => a.MunicipalityCode == municipalityCode && a.Year == year, cancellationToken);
        // A row this context tracks from an earlier step is not refreshed by the query: read it as it is now.
        if (row is not null) await db.Entry(row).ReloadAsync(cancellationToken);
        var decision = ApprovalRules.Decide(row?.State ?? ApprovalState.Draft, action, role, reason, yearEnded: year < Core.Domain.Today.Of(clock).Year);
        if (decision.Refusal == ApprovalRefusal.YearNotEnded) return decision with { Detail = Messages.Format(decision.MessageKey!, ("year", year)) };
        if (!decision.Allowed) return decision;
        // Four eyes: the submitter's own data is verified by someone else.
        if (options.FourEyes && action == ApprovalAction.Verify && row?.ChangedBy is { } submitter
            && string.Equals(submitter, actor.Name, StringComparison.OrdinalIgnoreCase))
            return ApprovalDecision.Refused(ApprovalRefusal.FourEyes, Messages.Format("approvalFourEyesVerify", ("user", submitter)));
        if (options.EvidenceRequired && action == ApprovalAction.Verify
            && (await Attachments.EvidenceQuery.ForMunicipalityYearAsync(db, municipalityCode, year, cancellationToken)).MeetingsWithoutMinutes.ToList() is { Count: > 0 } bare)
            return ApprovalDecision.Refused(ApprovalRefusal.EvidenceMissing, Messages.Format("approvalEvidenceMissing", ("year", year),
                ("meetings", string.Join(", ", bare.Select(meeting => meeting.Date!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))))));
        if (row is null) db.Approvals.Add(row = new Approval { MunicipalityCode = municipalityCode, Year = year });
        row.State = decision.Next!.Value;
        // A reason stays visible until the data is submitted again.
        row.Reason = action is ApprovalAction.Return or ApprovalAction.Reopen ? reason!.Trim() : action == ApprovalAction.Submit ? null : row.Reason;
        row.ReasonFrom = action is ApprovalAction.Return or ApprovalAction.Reopen ? action : row.Reason is null ? null : row.ReasonFrom;
        row.ChangedAtUtc = clock.GetUtcNow().UtcDateTime;
        row.ChangedBy = actor.Name;
        row.Version++;
        actor.Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        await db.SaveChangesAsync(cancellationToken);
        if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
        return decision;
    }

    /// <summary>What submitting would declare, when it would be allowed now; null when it would be refused (the step then says why).</summary>
    public async Task<(string Name, Declaration Declaration)?> PreviewAsync(
        string municipalityCode, int year, ApprovalRole role, CancellationToken cancellationToken = default)
    {
        if (year is < Core.Domain.YearBounds.First or > Core.Domain.YearBounds.Last) return null;
        if (await db.Municipalities.AsNoTracking().FirstOrDefaultAsync(m => m.Code == municipalityCode, cancellationToken) is not { } municipality) return null;
        if (!ApprovalRules.Decide(await StateAsync(municipalityCode, year, cancellationToken), ApprovalAction.Submit, role, null,
                yearEnded: year < Core.Domain.Today.Of(clock).Year).Allowed)
            return null;
        return (municipality.Name(Messages.Current.Language), await DeclarationAsync(municipalityCode, year, cancellationToken));
    }

    /// <summary>
    /// What submitting a municipality's year declares, in the reader's language: the figures its
    /// records give, and where nothing is recorded, the 0 that submitting turns "no data" into
    /// (meetings, members) or the "no data" that stays (work plan, compensation).
    /// </summary>
    public async Task<Declaration> DeclarationAsync(string municipalityCode, int year, CancellationToken cancellationToken = default)
    {
        var name = (await db.Municipalities.AsNoTracking().SingleAsync(m => m.Code == municipalityCode, cancellationToken)).Name(Messages.Current.Language);
        var council = await db.Councils.AsNoTracking().FirstOrDefaultAsync(c => c.MunicipalityCode == municipalityCode, cancellationToken);
        if (council is null || !council.IsEstablishedIn(year))
            return new Declaration([Messages.Format("declareNoCouncil", ("name", name), ("year", year))], DeclaresZero: false);
        var (start, end) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.CouncilId == council.Id && m.Date >= start && m.Date <= end)
            .GroupBy(m => m.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var members = db.Members.AsNoTracking().Where(m => m.CouncilId == council.Id && m.AppointedOn <= end && !(m.LeftOn < start));
        var membersRecorded = await members.AnyAsync(cancellationToken);
        var serving = await members.CountAsync(m => !(m.LeftOn < end), cancellationToken);
        var plan = await db.WorkPlans.AsNoTracking().AnyAsync(w => w.CouncilId == council.Id && w.Year == year, cancellationToken);
        var compensation = await db.Compensation.AsNoTracking().AnyAsync(c => c.MunicipalityCode == municipalityCode && c.Year == year, cancellationToken);

        var lines = new List<string>
        {
            meetings.Count == 0
                ? Messages.Format("declareMeetingsZero", ("name", name), ("year", year))
                : Messages.Format("declareMeetings", ("year", year), ("held", meetings.Where(m => m.Status == Core.Domain.MeetingStatus.Held).Sum(m => m.Count)),
                    ("recorded", meetings.Sum(m => m.Count))),
            membersRecorded
                ? Messages.Format("declareMembers", ("year", year), ("serving", serving))
                : Messages.Format("declareMembersZero", ("name", name), ("year", year)),
        };
        if (!plan) lines.Add(Messages.Format("declareNoWorkPlan", ("year", year)));
        if (!compensation) lines.Add(Messages.Format("declareNoCompensation", ("year", year)));
        return new Declaration(lines, DeclaresZero: meetings.Count == 0 || !membersRecorded);
    }

    public async Task<ApprovalState> StateAsync(string municipalityCode, int year, CancellationToken cancellationToken = default) =>
        await db.Approvals.AsNoTracking().Where(a => a.MunicipalityCode == municipalityCode && a.Year == year)
            .Select(a => (ApprovalState?)a.State).FirstOrDefaultAsync(cancellationToken) ?? ApprovalState.Draft;

    /// <summary>Every municipality's state for the year, with what is recorded, in code order.</summary>
    public async Task<IReadOnlyList<ApprovalStatus>> StatusAsync(int year, CancellationToken cancellationToken = default)
    {
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        var approvals = await db.Approvals.AsNoTracking().Where(a => a.Year == year).ToDictionaryAsync(a => a.MunicipalityCode, cancellationToken);
        var councils = await db.Councils.AsNoTracking().Where(c => c.EstablishedOn <= end && !(c.DissolvedOn < start))
            .Select(c => c.MunicipalityCode).ToListAsync(cancellationToken);
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.Date >= start && m.Date <= end)
            .Join(db.Councils, m => m.CouncilId, c => c.Id, (m, c) => c.MunicipalityCode).Distinct().ToListAsync(cancellationToken);
        var plans = await db.WorkPlans.AsNoTracking().Where(w => w.Year == year)
            .Join(db.Councils, w => w.CouncilId, c => c.Id, (w, c) => c.MunicipalityCode).Distinct().ToListAsync(cancellationToken);
        var compensation = await db.Compensation.AsNoTracking().Where(c => c.Year == year).Select(c => c.MunicipalityCode).ToListAsync(cancellationToken);
        var codes = await db.KosovoMunicipalities.AsNoTracking().OrderBy(m => m.Code).Select(m => m.Code).ToListAsync(cancellationToken);
        return codes.Select(code =>
        {
            var approval = approvals.GetValueOrDefault(code);
            return new ApprovalStatus(code, year, approval?.State ?? ApprovalState.Draft, approval?.Reason, approval?.ChangedAtUtc, approval?.ChangedBy,
                new Completeness(councils.Contains(code), meetings.Contains(code), plans.Contains(code), compensation.Contains(code)),
                approval?.Standing ?? ApprovalStanding.Draft);
        }).ToList();
    }

    /// <summary>What is due in the year in progress (<paramref name="today"/>'s), for each municipality given: one code path for a municipality's page and the approval overview.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DueItem>>> DueAsync(
        IReadOnlyList<Core.Indicators.MunicipalityIndicators> current, DateOnly today, CancellationToken cancellationToken = default)
    {
        var codes = current.Select(m => m.Municipality.Code).ToList();
        var lastYear = await db.Approvals.AsNoTracking().Where(a => a.Year == today.Year - 1 && codes.Contains(a.MunicipalityCode))
            .ToDictionaryAsync(a => a.MunicipalityCode, cancellationToken);
        var minimum = rulebook.MinimumMeetings(today.Year);
        return current.ToDictionary(m => m.Municipality.Code, m =>
        {
            var approval = lastYear.GetValueOrDefault(m.Municipality.Code);
            return WhatIsDue.For(m, minimum, today, approval?.State ?? ApprovalState.Draft, approval?.Reason);
        });
    }

    /// <summary>For each year of a run, the municipalities whose data is declared complete (submitted or further): no meeting recorded means none held.</summary>
    public static async Task<ILookup<int, string>> DeclaredCompleteAsync(McscDbContext db, int first, int last, CancellationToken cancellationToken) =>
        (await DeclaredCompleteIn.For(db)(db, first, last).ToListAsync(cancellationToken)).ToLookup(a => a.Year, a => a.MunicipalityCode);

    /// <summary>Compiled once: every year's indicators ask it (<see cref="Indicators.CouncilYearQuery"/> says why).</summary>
    private static readonly CompiledPerModel<Func<McscDbContext, int, int, IAsyncEnumerable<DeclaredYear>>> DeclaredCompleteIn = new(() => EF.CompileAsyncQuery(
        (McscDbContext db, int first, int last) => db.Approvals.AsNoTracking()
            .Where(a => a.Year >= first && a.Year <= last && a.State != ApprovalState.Draft)
            .Select(a => new DeclaredYear(a.Year, a.MunicipalityCode))));

    private sealed record DeclaredYear(int Year, string MunicipalityCode);
}
