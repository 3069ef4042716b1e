using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McscMonitor.Publications;

/// <summary>
/// One published version of a year's fact sheet: immutable once written. Its files (the page,
/// the PDF, the indicators and the charts, in every language) are served byte for byte, forever.
/// </summary>
public sealed class Publication
{
    public int Id { get; init; }
    public int Year { get; init; }
    public int Number { get; init; }
    public DateTime PublishedAtUtc { get; init; }
    public required string PublishedBy { get; init; }

    /// <summary>What a later version corrects, in English; shown on the English sheet (and on every sheet of a version published before notes were kept per language).</summary>
    public string? Note { get; init; }

    /// <summary>The same note in Albanian.</summary>
    public string? NoteSq { get; init; }

    /// <summary>The same note in Serbian, Latin script; the Cyrillic sheet transliterates it.</summary>
    public string? NoteSr { get; init; }

    /// <summary>Why the sheet was published with some municipalities not verified, and which.</summary>
    public string? UnverifiedReason { get; init; }
    public string UnverifiedMunicipalities { get; init; } = "";

    public required string RulebookVersion { get; init; }

    /// <summary>SHA-256 of the rulebook file in force when it was published (empty for versions published before it was kept).</summary>
    public string RulebookDigest { get; init; } = "";

    /// <summary>SHA-256 of the year's records in the exchange format, as they were published.</summary>
    public required string SourceChecksum { get; init; }

    public List<PublicationFile> Files { get; init; } = [];

    /// <summary>The change note in a language; a version published before notes were kept per language shows its one note everywhere.</summary>
    public string? NoteIn(Core.Domain.Language language) => language switch
    {
        Core.Domain.Language.Sq => NoteSq ?? Note,
        Core.Domain.Language.SrLatn => NoteSr ?? Note,
        Core.Domain.Language.SrCyrl => NoteSr is { } latin ? Core.Names.SerbianScript.ToCyrillic(latin) : Note,
        _ => Note,
    };
}

public sealed class PublicationFile
{
    public int Id { get; init; }
    public int PublicationId { get; init; }
    public required string Language { get; init; }
    public required string Name { get; init; }
    public required string ContentType { get; init; }
    public required byte[] Content { get; init; }

    /// <summary>SHA-256 of <see cref="Content"/> taken at publication: what `publications verify` and SHA256SUMS hold the stored bytes to.</summary>
    public string Sha256 { get; init; } = "";
}

internal sealed class PublicationConfiguration : IEntityTypeConfiguration<Publication>
{
    public void Configure(EntityTypeBuilder<Publication> publication)
    {
        publication.HasKey(p => p.Id);
        publication.HasIndex(p => new { p.Year, p.Number }).IsUnique();
        publication.Property(p => p.PublishedBy).HasMaxLength(200);
        publication.Property(p => p.Note).HasMaxLength(Core.Domain.TextLimits.Reason);
        publication.Property(p => p.UnverifiedReason).HasMaxLength(Core.Domain.TextLimits.Reason);
        publication.Property(p => p.UnverifiedMunicipalities).HasMaxLength(2000);
        publication.Property(p => p.NoteSq).HasMaxLength(Core.Domain.TextLimits.Reason);
        publication.Property(p => p.NoteSr).HasMaxLength(Core.Domain.TextLimits.Reason);
        publication.Property(p => p.RulebookVersion).HasMaxLength(64);
        publication.Property(p => p.RulebookDigest).HasMaxLength(64);
        publication.Property(p => p.SourceChecksum).HasMaxLength(64);
        publication.HasMany(p => p.Files).WithOne().HasForeignKey(f => f.PublicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PublicationFileConfiguration : IEntityTypeConfiguration<PublicationFile>
{
    public void Configure(EntityTypeBuilder<PublicationFile> file)
    {
        file.HasKey(f => f.Id);
        file.Property(f => f.Language).HasMaxLength(16);
        file.Property(f => f.Name).HasMaxLength(64);
        file.Property(f => f.ContentType).HasMaxLength(128);
        file.Property(f => f.Sha256).HasMaxLength(64);
        file.HasIndex(f => new { f.PublicationId, f.Language, f.Name }).IsUnique();
    }
}
