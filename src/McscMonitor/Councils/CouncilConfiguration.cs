using McscMonitor.Core.Domain;
using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McscMonitor.Councils;

internal sealed class CouncilConfiguration : IEntityTypeConfiguration<Council>
{
    public void Configure(EntityTypeBuilder<Council> council)
    {
        council.ConfigureVersion();
        council.Property(c => c.MunicipalityCode).HasMaxLength(32);
        council.Property(c => c.AssemblyDecision).HasMaxLength(TextLimits.AssemblyDecision);
        council.HasIndex(c => c.MunicipalityCode).IsUnique();
        council.HasOne<Municipality>().WithMany().HasForeignKey(c => c.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
        council.HasMany(c => c.Members).WithOne().HasForeignKey(m => m.CouncilId).OnDelete(DeleteBehavior.Cascade);
        council.HasMany(c => c.Meetings).WithOne().HasForeignKey(m => m.CouncilId).OnDelete(DeleteBehavior.Cascade);
        council.HasMany(c => c.WorkPlans).WithOne().HasForeignKey(w => w.CouncilId).OnDelete(DeleteBehavior.Cascade);
    }
}
