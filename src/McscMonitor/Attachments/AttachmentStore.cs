using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Attachments;

/// <summary>Where attachments' bytes are kept, by their SHA-256: the same file attached twice is kept once.</summary>
public interface IAttachmentStore
{
    /// <summary>Keeps the bytes, in the caller's unit of work (saved with the attachment's row and its audit entry).</summary>
    Task AddAsync(string sha256, byte[] content, CancellationToken cancellationToken);

    Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>Forgets the bytes when no attachment but the ones being deleted names them.</summary>
    Task RemoveIfUnusedAsync(string sha256, CancellationToken cancellationToken);
}

/// <summary>
/// The bytes in the database itself, in pieces of <see cref="AttachmentChunk.Size"/>, on SQLite and
/// PostgreSQL alike. Chosen over a folder beside the database because the database is already
/// what is shared by several instances, backed up and restored, and written in one transaction:
/// an attachment and its bytes come and go together, with the audit entry, and a backup carries
/// them with no second place to copy or to fall out of step.
/// </summary>
internal sealed class DatabaseAttachmentStore(McscDbContext db) : IAttachmentStore
{
    public async Task AddAsync(string sha256, byte[] content, CancellationToken cancellationToken)
    {
        if (await db.AttachmentChunks.AnyAsync(c => c.Sha256 == sha256, cancellationToken)) return;
        for (var index = 0; index * AttachmentChunk.Size < content.Length || index == 0; index++)
        {
            var start = index * AttachmentChunk.Size;
            db.AttachmentChunks.Add(new AttachmentChunk
            {
                Sha256 = sha256, Index = index, Bytes = content[start..Math.Min(content.Length, start + AttachmentChunk.Size)],
            });
        }
    }

    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellationToken)
    {
        var chunks = await db.AttachmentChunks.AsNoTracking().Where(c => c.Sha256 == sha256).OrderBy(c => c.Index)
            .Select(c => c.Bytes).ToListAsync(cancellationToken);
        return chunks.Count == 0 ? null : [.. chunks.SelectMany(bytes => bytes)];
    }

    public async Task RemoveIfUnusedAsync(string sha256, CancellationToken cancellationToken)
    {
        var deleting = db.ChangeTracker.Entries<Attachment>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToList();
        if (await db.Attachments.AnyAsync(a => a.Sha256 == sha256 && !deleting.Contains(a.Id), cancellationToken)) return;
        db.AttachmentChunks.RemoveRange(await db.AttachmentChunks.Where(c => c.Sha256 == sha256).ToListAsync(cancellationToken));
    }
}
