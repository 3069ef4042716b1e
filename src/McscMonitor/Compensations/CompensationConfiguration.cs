using McscMonitor.Core.Domain;
using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McscMonitor.Compensations;

internal sealed class CompensationConfiguration : IEntityTypeConfiguration<Compensation>
{
    public void Configure(EntityTypeBuilder<Compensation> compensation)
    {
        compensation.ConfigureVersion();
        compensation.Property(c => c.MunicipalityCode).HasMaxLength(32);
        compensation.Property(c => c.Status).HasConversion<CodeConverter<CompensationStatus>>().HasMaxLength(16);
        compensation.Property(c => c.AmountPerMeetingEur).HasPrecision(10, 2);
        compensation.HasOne<Municipality>().WithMany().HasForeignKey(c => c.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
        compensation.HasIndex(c => new { c.MunicipalityCode, c.Year }).IsUnique();
    }
}
