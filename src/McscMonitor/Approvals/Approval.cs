using McscMonitor.Core.Approval;
using McscMonitor.Core.Domain;
using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McscMonitor.Approvals;

/// <summary>The approval state of one municipality's data for one year; no row means draft.</summary>
public sealed class Approval
{
    public int Id { get; set; }
    public required string MunicipalityCode { get; init; }
    public int Year { get; init; }
    public ApprovalState State { get; set; }

    /// <summary>Why the data was last sent back or reopened; shown to the officer until it is submitted again.</summary>
    public string? Reason { get; set; }

    /// <summary>Whether <see cref="Reason"/> came with a return or a reopening: the page names the two differently.</summary>
    public ApprovalAction? ReasonFrom { get; set; }

    public ApprovalStanding Standing => ApprovalRules.Standing(State, Reason, ReasonFrom);

    public DateTime ChangedAtUtc { get; set; }
    public string ChangedBy { get; set; } = "";

    /// <summary>Detects two monitors acting on the same municipality-year at once.</summary>
    public long Version { get; set; }
}

internal sealed class ApprovalConfiguration : IEntityTypeConfiguration<Approval>
{
    public void Configure(EntityTypeBuilder<Approval> approval)
    {
        approval.HasKey(a => a.Id);
        approval.Property(a => a.MunicipalityCode).HasMaxLength(32);
        approval.Property(a => a.State).HasConversion<CodeConverter<ApprovalState>>().HasMaxLength(16);
        approval.Property(a => a.Reason).HasMaxLength(TextLimits.Reason);
        approval.Property(a => a.ReasonFrom).HasConversion<CodeConverter<ApprovalAction>>().HasMaxLength(16);
        approval.Ignore(a => a.Standing);
        approval.Property(a => a.ChangedBy).HasMaxLength(200);
        approval.Property(a => a.Version).IsConcurrencyToken();
        approval.HasIndex(a => new { a.MunicipalityCode, a.Year }).IsUnique();
        approval.HasOne<Municipality>().WithMany().HasForeignKey(a => a.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
    }
}
