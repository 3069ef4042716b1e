using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McscMonitor.Attachments;

/// <summary>
/// A document attached to a record as its evidence: the minutes of a meeting, a council's
/// founding decision, a work plan, a payment proof. The bytes are kept apart, by their SHA-256
/// (<see cref="IAttachmentStore"/>); this row says whose they are and what they are.
/// </summary>
public sealed class Attachment
{
    public int Id { get; init; }

    /// <summary>The record type's path (<c>meetings</c>, <c>councils</c>, …), as in its API.</summary>
    public required string RecordPath { get; init; }

    public required int RecordId { get; init; }

    /// <summary>The record's municipality, so that an officer reaches only their own and the trail can be read by municipality.</summary>
    public required string MunicipalityCode { get; init; }

    /// <summary>A safe name, with the extension of what the file is (<see cref="Core.Evidence.EvidenceFile.SafeName"/>).</summary>
    public required string FileName { get; init; }

    /// <summary>Recognised from the content, never taken from the upload.</summary>
    public required string ContentType { get; init; }

    public required long Size { get; init; }

    public required string Sha256 { get; init; }

    public string? Description { get; init; }

    public required string UploadedBy { get; init; }

    public DateTime UploadedAtUtc { get; init; }

    public const int MaxDescription = 500;
}

/// <summary>A piece of an attachment's bytes: files are kept in pieces so that none is read or written whole in one value.</summary>
public sealed class AttachmentChunk
{
    public const int Size = 1024 * 1024;

    public required string Sha256 { get; init; }

    public required int Index { get; init; }

    public required byte[] Bytes { get; init; }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> attachment)
    {
        attachment.Property(a => a.RecordPath).HasMaxLength(40);
        attachment.Property(a => a.MunicipalityCode).HasMaxLength(40);
        attachment.Property(a => a.FileName).HasMaxLength(120);
        attachment.Property(a => a.ContentType).HasMaxLength(100);
        attachment.Property(a => a.Sha256).HasMaxLength(64);
        attachment.Property(a => a.Description).HasMaxLength(Attachment.MaxDescription);
        attachment.Property(a => a.UploadedBy).HasMaxLength(256);
        attachment.HasIndex(a => new { a.RecordPath, a.RecordId });
        attachment.HasIndex(a => a.Sha256);
    }
}

internal sealed class AttachmentChunkConfiguration : IEntityTypeConfiguration<AttachmentChunk>
{
    public void Configure(EntityTypeBuilder<AttachmentChunk> chunk)
    {
        chunk.HasKey(c => new { c.Sha256, c.Index });
        chunk.Property(c => c.Sha256).HasMaxLength(64);
    }
}
