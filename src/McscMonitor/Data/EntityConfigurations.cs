using McscMonitor.Core.Domain;
using McscMonitor.ReferenceData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McscMonitor.Data;

/// <summary>A community code with its names, seeded from the reference data.</summary>
public sealed class CommunityRow
{
    public required string Code { get; init; }
    public required string NameSq { get; init; }
    public required string NameSrLatn { get; init; }
    public required string NameSrCyrl { get; init; }
    public required string NameEn { get; init; }
}

/// <summary>Marks what kind of data the database holds, e.g. the illustrative demo set.</summary>
public sealed class DatasetLabel
{
    public const string Illustrative = "illustrative";

    public required string Code { get; init; }
    public DateTimeOffset LabelledAt { get; init; }
}

internal sealed class ReferenceDataConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> region)
    {
        region.HasKey(r => r.Code);
        region.Property(r => r.Code).HasMaxLength(32);
        region.HasData(ReferenceCatalog.Regions);
    }
}

internal sealed class MunicipalityConfiguration : IEntityTypeConfiguration<Municipality>
{
    public void Configure(EntityTypeBuilder<Municipality> municipality)
    {
        municipality.HasKey(m => m.Code);
        municipality.Property(m => m.Code).HasMaxLength(32);
        municipality.Property(m => m.RegionCode).HasMaxLength(32);
        municipality.Property(m => m.MajorityCommunity).HasConversion<CodeConverter<Community>>().HasMaxLength(32);
        municipality.HasOne<Region>().WithMany().HasForeignKey(m => m.RegionCode).OnDelete(DeleteBehavior.Restrict);
        municipality.HasIndex(m => m.KasIndex).IsUnique();
        municipality.HasData(ReferenceCatalog.Municipalities);
    }
}

internal sealed class CommunityConfiguration : IEntityTypeConfiguration<CommunityRow>
{
    public void Configure(EntityTypeBuilder<CommunityRow> community)
    {
        community.ToTable("Communities");
        community.HasKey(c => c.Code);
        community.Property(c => c.Code).HasMaxLength(32);
        community.HasData(ReferenceCatalog.Communities.Select(c => new CommunityRow
        {
            Code = c.Code, NameSq = c.NameSq, NameSrLatn = c.NameSrLatn, NameSrCyrl = c.NameSrCyrl, NameEn = c.NameEn,
        }));
    }
}

internal sealed class DatasetLabelConfiguration : IEntityTypeConfiguration<DatasetLabel>
{
    public void Configure(EntityTypeBuilder<DatasetLabel> label)
    {
        label.HasKey(l => l.Code);
        label.Property(l => l.Code).HasMaxLength(32);
    }
}

internal static class EditableRecordConfiguration
{
    public static void ConfigureVersion<T>(this EntityTypeBuilder<T> entity) where T : EditableRecord
    {
        entity.HasKey(e => e.Id);
        entity.Property(e => e.Version).IsConcurrencyToken();
    }
}
