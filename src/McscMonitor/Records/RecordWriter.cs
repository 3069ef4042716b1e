using System.Security.Claims;
using McscMonitor.Audit;
using McscMonitor.Core.Domain;
using McscMonitor.Data;
using McscMonitor.Users;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Records;

public enum WriteStatus { Done, NotFound, Forbidden, Invalid, Conflict, Stale, VersionRequired, Closed }

/// <summary>What a write came to; the API turns it into a status code, a form into a page.</summary>
/// <param name="ProblemType">For a write refused because the year is not a draft: the ProblemDetails type naming its state.</param>
public sealed record WriteResult(WriteStatus Status, int? Id = null, Dictionary<string, string[]>? Errors = null, string? Detail = null, string? ProblemType = null);

/// <summary>
/// The one write path for every record type, used by the REST API and the web forms alike:
/// scope, validation, natural-key conflicts and optimistic concurrency.
/// </summary>
public static class RecordWriter
{
    /// <summary>Creates (id null) or updates a record; an update needs the version the writer last saw.</summary>
    public static async Task<WriteResult> SaveAsync<TRecord>(
        RecordDefinition<TRecord> kind, int? id, FormValues input, long? expectedVersion, McscDbContext db, ClaimsPrincipal user,
        DateOnly today, CancellationToken cancellationToken)
        where TRecord : EditableRecord
    {
        TRecord record;
        if (id is { } existingId)
        {
            var current = await kind.Rows(db).FirstOrDefaultAsync(row => row.Record.Id == existingId, cancellationToken);
            if (current is null) return new WriteResult(WriteStatus.NotFound);
            if (!RecordAccess.CanAccess(user, current.Municipality)) return new WriteResult(WriteStatus.Forbidden);
            if (expectedVersion is null) return new WriteResult(WriteStatus.VersionRequired);
            if (expectedVersion != current.Record.Version) return new WriteResult(WriteStatus.Stale, existingId);
            record = await db.Set<TRecord>().SingleAsync(r => r.Id == existingId, cancellationToken);
            db.Entry(record).Property(r => r.Version).OriginalValue = expectedVersion.Value;
        }
        else
        {
            if (kind.OfficersMayChange is not null && !RecordAccess.IsMonitoring(user)) return new WriteResult(WriteStatus.Forbidden);
            record = kind.Blank();
        }

        var check = await kind.CheckAsync(input, db, id, today, cancellationToken);
        if (check.Errors.Count > 0) return new WriteResult(WriteStatus.Invalid, id, check.Errors);
        if (!RecordAccess.CanAccess(user, check.Municipality!)) return new WriteResult(WriteStatus.Forbidden);
        if (check.Conflict is not null) return new WriteResult(WriteStatus.Conflict, id, Detail: check.Conflict);

        check.Apply!(record);
        if (id is null) db.Add(record);
        else if (kind.OfficersMayChange is { } officersMayChange && !RecordAccess.IsMonitoring(user)
                 && db.Entry(record).Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue) && !officersMayChange.Contains(p.Metadata.Name)).ToList() is { Count: > 0 } refused)
            return new WriteResult(WriteStatus.Invalid, id, refused.ToDictionary(
                p => char.ToLowerInvariant(p.Metadata.Name[0]) + p.Metadata.Name[1..], _ => new[] { Core.Localization.Messages.Current["monitorsOnly"] }));
        return await SaveAsync(db, id, cancellationToken) ?? new WriteResult(WriteStatus.Done, record.Id);
    }

    /// <summary>Saves, or says why not: null when saved.</summary>
    private static async Task<WriteResult?> SaveAsync(McscDbContext db, int? id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: theirs stands.
            return new WriteResult(WriteStatus.Stale, id);
        }
        catch (Approvals.YearNotEditableException closed)
        {
            return new WriteResult(WriteStatus.Closed, id, Detail: closed.Message, ProblemType: closed.ProblemType);
        }
    }

    /// <summary>Deletes a record and its evidence with it, in one save.</summary>
    /// <param name="reason">Why; required where <see cref="RecordDefinition{TRecord}.DeleteNeedsReason"/>, and audited.</param>
    public static async Task<WriteResult> DeleteAsync<TRecord>(
        RecordDefinition<TRecord> kind, int id, long? expectedVersion, string? reason, McscDbContext db, Attachments.IAttachmentStore store,
        AuditActor actor, ClaimsPrincipal user, CancellationToken cancellationToken)
        where TRecord : EditableRecord
    {
        var current = await kind.Rows(db).FirstOrDefaultAsync(row => row.Record.Id == id, cancellationToken);
        if (current is null) return new WriteResult(WriteStatus.NotFound);
        if (!RecordAccess.CanAccess(user, current.Municipality)) return new WriteResult(WriteStatus.Forbidden);
        if (expectedVersion is null) return new WriteResult(WriteStatus.VersionRequired);
        var fields = new FieldErrors();
        if (kind.DeleteNeedsReason) fields.Required("reason", reason);
        fields.Text("reason", reason, TextLimits.Reason);
        if (fields.Errors.Count > 0) return new WriteResult(WriteStatus.Invalid, id, fields.Errors);
        actor.Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();

        if (kind.OfficersMayChange is not null && !RecordAccess.IsMonitoring(user)) return new WriteResult(WriteStatus.Forbidden);
        var record = await db.Set<TRecord>().SingleAsync(r => r.Id == id, cancellationToken);
        if (await kind.DeleteBlockedAsync(record, db, cancellationToken) is { } blocked) return new WriteResult(WriteStatus.Conflict, id, Detail: blocked);
        db.Entry(record).Property(r => r.Version).OriginalValue = expectedVersion.Value;
        db.Remove(record);
        await Attachments.AttachmentWriter.RemoveWithRecordAsync(kind, id, db, store, cancellationToken);
        return await SaveAsync(db, id, cancellationToken) ?? new WriteResult(WriteStatus.Done, id);
    }
}
