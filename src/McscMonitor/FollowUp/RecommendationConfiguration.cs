using McscMonitor.Core.Domain;
using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McscMonitor.FollowUp;

internal sealed class RecommendationConfiguration : IEntityTypeConfiguration<Recommendation>
{
    public void Configure(EntityTypeBuilder<Recommendation> recommendation)
    {
        recommendation.ConfigureVersion();
        recommendation.Property(r => r.MunicipalityCode).HasMaxLength(32);
        recommendation.Property(r => r.Rule).HasMaxLength(64);
        recommendation.Property(r => r.TextSq).HasMaxLength(RecommendationRecord.MaxText);
        recommendation.Property(r => r.TextSrLatn).HasMaxLength(RecommendationRecord.MaxText);
        recommendation.Property(r => r.TextEn).HasMaxLength(RecommendationRecord.MaxText);
        recommendation.Property(r => r.Institution).HasConversion<CodeConverter<Institution>>().HasMaxLength(32);
        recommendation.Property(r => r.Status).HasConversion<CodeConverter<RecommendationStatus>>().HasMaxLength(32);
        recommendation.HasOne<Municipality>().WithMany().HasForeignKey(r => r.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
        recommendation.HasIndex(r => new { r.Year, r.MunicipalityCode });
    }
}
