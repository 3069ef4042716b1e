using System.Security.Claims;
using McscMonitor.Audit;
using McscMonitor.Core.Evidence;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Records;
using McscMonitor.Users;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Attachments;

/// <summary>What attaching or deleting a file came to; the API turns it into a status, a form into a page.</summary>
/// <param name="Field">The form field a refusal is about (<c>file</c>, <c>description</c>, <c>reason</c>).</param>
public sealed record AttachmentResult(WriteStatus Status, Attachment? Attachment = null, string? Field = null, string? Message = null, string? ProblemType = null)
{
    public Dictionary<string, string[]> Errors => new() { [Field ?? "file"] = [Message ?? ""] };

    public static AttachmentResult Invalid(string field, string message) => new(WriteStatus.Invalid, Field: field, Message: message);
}

/// <summary>
/// The one write path for evidence, used by the API and the record forms alike: the record's
/// scope, the file's inspection, the limits per file, record and municipality, and the closed
/// years (<see cref="Approvals.YearGuard"/>), each in one transaction with the audit entry.
/// </summary>
public static class AttachmentWriter
{
    public static async Task<AttachmentResult> AttachAsync(
        IRecordDefinition kind, int id, IFormFile file, string? description, McscDbContext db, IAttachmentStore store, AuditActor actor,
        ClaimsPrincipal user, AttachmentLimits limits, CancellationToken cancellationToken)
    {
        if (await kind.MunicipalityOfAsync(id, db, cancellationToken) is not { } municipality) return new AttachmentResult(WriteStatus.NotFound);
        if (!RecordAccess.CanAccess(user, municipality)) return new AttachmentResult(WriteStatus.Forbidden);
        if (description?.Length > Attachment.MaxDescription)
            return AttachmentResult.Invalid("description", Messages.Format("attachmentDescriptionTooLong", ("max", Attachment.MaxDescription)));
        if (file.Length > limits.MaxFileBytes) return AttachmentResult.Invalid("file", Messages.Format("attachmentTooLarge", ("max", limits.MaxFileMegabytes)));
        var content = new byte[file.Length];
        await using (var upload = file.OpenReadStream()) await upload.ReadExactlyAsync(content, cancellationToken);
        var (accepted, refusal) = EvidenceFile.Inspect(content);
        if (accepted is null) return AttachmentResult.Invalid("file", Refused(refusal!.Value));

        var attachment = New(kind, id, municipality, file.FileName, accepted, Blank(description), actor);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The totals are read under a lock on the municipality's evidence, so two uploads at once cannot both pass a limit.
        await LockEvidenceAsync(db, municipality, cancellationToken);
        var held = db.Attachments.Where(a => a.MunicipalityCode == municipality);
        if (await held.Where(a => a.RecordPath == kind.Path && a.RecordId == id).SumAsync(a => (long?)a.Size, cancellationToken) + accepted.Content.Length > limits.MaxRecordBytes)
            return AttachmentResult.Invalid("file", Messages.Format("attachmentRecordFull", ("max", limits.MaxRecordMegabytes)));
        if (await held.SumAsync(a => (long?)a.Size, cancellationToken) + accepted.Content.Length > limits.MaxMunicipalityBytes)
            return AttachmentResult.Invalid("file", Messages.Format("attachmentMunicipalityFull", ("max", limits.MaxMunicipalityMegabytes)));
        await store.AddAsync(attachment.Sha256, accepted.Content, cancellationToken);
        db.Attachments.Add(attachment);
        if (await SaveAsync(db, cancellationToken) is { } closed) return closed;
        await transaction.CommitAsync(cancellationToken);
        return new AttachmentResult(WriteStatus.Done, attachment);
    }

    /// <param name="reason">Why; required, and kept in the audit trail.</param>
    /// <param name="ofRecord">When deleting from a record's page: that record; another record's file is not found there.</param>
    public static async Task<AttachmentResult> DeleteAsync(
        int attachmentId, string? reason, McscDbContext db, IAttachmentStore store, AuditActor actor, ClaimsPrincipal user, CancellationToken cancellationToken,
        (string Path, int Id)? ofRecord = null)
    {
        if (await db.Attachments.FirstOrDefaultAsync(a => a.Id == attachmentId, cancellationToken) is not { } attachment
            || ofRecord is { } record && (attachment.RecordPath, attachment.RecordId) != record)
            return new AttachmentResult(WriteStatus.NotFound);
        if (!RecordAccess.CanAccess(user, attachment.MunicipalityCode)) return new AttachmentResult(WriteStatus.Forbidden, attachment);
        if (Blank(reason) is not { } why) return AttachmentResult.Invalid("reason", Messages.Current["attachmentDeleteReason"]) with { Attachment = attachment };
        if (why.Length > Attachment.MaxDescription)
            return AttachmentResult.Invalid("reason", Messages.Format("attachmentDescriptionTooLong", ("max", Attachment.MaxDescription))) with { Attachment = attachment };
        actor.Reason = why;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Attachments.Remove(attachment);
        await store.RemoveIfUnusedAsync(attachment.Sha256, cancellationToken);
        if (await SaveAsync(db, cancellationToken) is { } closed) return closed with { Attachment = attachment };
        await transaction.CommitAsync(cancellationToken);
        return new AttachmentResult(WriteStatus.Done, attachment);
    }

    /// <summary>The row of an accepted file on a record, named by its SHA-256, its name made safe and given the extension of what it is.</summary>
    public static Attachment New(
        IRecordDefinition kind, int id, string municipality, string fileName, AcceptedEvidence accepted, string? description, AuditActor actor) => new()
        {
            RecordPath = kind.Path, RecordId = id, MunicipalityCode = municipality, FileName = EvidenceFile.SafeName(fileName, accepted.Kind),
            ContentType = accepted.ContentType, Size = accepted.Content.Length,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(accepted.Content)), Description = description,
            UploadedBy = actor.Name, UploadedAtUtc = actor.Clock.GetUtcNow().UtcDateTime,
        };

    /// <summary>Why a file was refused, in the reader's language.</summary>
    public static string Refused(EvidenceRefusal refusal) => Messages.Current[$"attachmentRefused.{Core.Domain.Codes.ToCode(refusal)}"];

    /// <summary>Marks a record's evidence deleted with the record, in the caller's unit of work: a deleted meeting leaves no minutes behind.</summary>
    public static async Task RemoveWithRecordAsync(IRecordDefinition kind, int id, McscDbContext db, IAttachmentStore store, CancellationToken cancellationToken)
    {
        if (!kind.TakesEvidence) return;
        var attachments = await db.Attachments.Where(a => a.RecordPath == kind.Path && a.RecordId == id).ToListAsync(cancellationToken);
        db.Attachments.RemoveRange(attachments);
        foreach (var sha256 in attachments.Select(a => a.Sha256).Distinct()) await store.RemoveIfUnusedAsync(sha256, cancellationToken);
    }

    private static async Task<AttachmentResult?> SaveAsync(McscDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (Approvals.YearNotEditableException closed)
        {
            return new AttachmentResult(WriteStatus.Closed, Message: closed.Message, ProblemType: closed.ProblemType);
        }
    }

    /// <summary>
    /// On PostgreSQL a transaction-scoped advisory lock per municipality, across every app
    /// instance; SQLite's transactions take the write lock when they begin, which is already one.
    /// </summary>
    private static async Task LockEvidenceAsync(McscDbContext db, string municipality, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql()) return;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({EvidenceLockSpace}, hashtext({municipality}))", cancellationToken);
    }

    /// <summary>The first key of the two-key advisory locks on evidence ("EVID").</summary>
    private const int EvidenceLockSpace = 0x45564944;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
