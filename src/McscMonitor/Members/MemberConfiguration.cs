using McscMonitor.Core.Domain;
using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McscMonitor.Members;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> member)
    {
        member.ConfigureVersion();
        member.Property(m => m.MemberRef).HasMaxLength(TextLimits.MemberRef);
        member.Property(m => m.FullName).HasMaxLength(TextLimits.FullName);
        member.Property(m => m.Religion).HasMaxLength(TextLimits.Religion);
        member.Property(m => m.Gender).HasConversion<CodeConverter<Gender>>().HasMaxLength(16);
        member.Property(m => m.Community).HasConversion<CodeConverter<Community>>().HasMaxLength(32);
        member.Property(m => m.ErasedCountedCommunity).HasConversion<CodeConverter<Community>>().HasMaxLength(32);
        member.Property(m => m.Role).HasConversion<CodeConverter<MemberRole>>().HasMaxLength(32);
        member.HasIndex(m => new { m.CouncilId, m.MemberRef }).IsUnique();
    }
}
