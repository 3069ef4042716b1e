namespace McscMonitor.Core.Domain;

public sealed class Region
{
    public required string Code { get; init; }
    public required string NameSq { get; init; }
    public required string NameSrLatn { get; init; }
    public required string NameSrCyrl { get; init; }
    public required string NameEn { get; init; }

    public string Name(Language language) => language switch
    {
        Language.Sq => NameSq,
        Language.SrLatn => NameSrLatn,
        Language.SrCyrl => NameSrCyrl,
        _ => NameEn,
    };
}

public sealed class Municipality
{
    public required string Code { get; init; }

    /// <summary>Order of the Kosovo Agency of Statistics census tables.</summary>
    public int KasIndex { get; init; }

    public required string NameSq { get; init; }
    public required string NameSrLatn { get; init; }
    public required string NameSrCyrl { get; init; }
    public required string NameEn { get; init; }
    public required string RegionCode { get; init; }

    /// <summary>Editable by an admin: every non-majority indicator is relative to it.</summary>
    public Community MajorityCommunity { get; set; }

    public int? Population { get; init; }
    public string? PopulationSource { get; init; }

    /// <summary>Other spellings accepted on import, '|'-separated.</summary>
    public string Aliases { get; init; } = "";

    /// <summary>
    /// A unit made up by the <c>generate</c> command to measure the app at scale. Synthetic units
    /// are never part of Kosovo's figures: queries leave them out unless they ask for them.
    /// </summary>
    public bool Synthetic { get; init; }

    public string Name(Language language) => language switch
    {
        Language.Sq => NameSq,
        Language.SrLatn => NameSrLatn,
        Language.SrCyrl => NameSrCyrl,
        _ => NameEn,
    };

    public bool IsNonMajority(Community community) => community != MajorityCommunity;
}
