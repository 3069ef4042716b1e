using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using McscMonitor.Core.Domain;

namespace McscMonitor.ReferenceData;

public sealed class CommunityName
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

/// <summary>
/// The reference data versioned in this folder (see SOURCES.md), read from the assembly so
/// that nothing is fetched at run time. Migrations seed the database from it.
/// </summary>
public static class ReferenceCatalog
{
    public static IReadOnlyList<Region> Regions { get; } = Read("regions.csv", row => new Region
    {
        Code = row.GetField("code")!,
        NameSq = row.GetField("name_sq")!,
        NameSrLatn = row.GetField("name_sr_latn")!,
        NameSrCyrl = row.GetField("name_sr_cyrl")!,
        NameEn = row.GetField("name_en")!,
    });

    public static IReadOnlyList<CommunityName> Communities { get; } = Read("communities.csv", row => new CommunityName
    {
        Code = row.GetField("code")!,
        NameSq = row.GetField("name_sq")!,
        NameSrLatn = row.GetField("name_sr_latn")!,
        NameSrCyrl = row.GetField("name_sr_cyrl")!,
        NameEn = row.GetField("name_en")!,
    });

    public static IReadOnlyList<Municipality> Municipalities { get; } = Read("municipalities.csv", row => new Municipality
    {
        Code = row.GetField("code")!,
        KasIndex = row.GetField<int>("kas_index"),
        NameSq = row.GetField("name_sq")!,
        NameSrLatn = row.GetField("name_sr_latn")!,
        NameSrCyrl = row.GetField("name_sr_cyrl")!,
        NameEn = row.GetField("name_en")!,
        RegionCode = row.GetField("region")!,
        MajorityCommunity = Codes<Community>.Parse(row.GetField("majority_community")!),
        Population = row.GetField<int?>("population"),
        PopulationSource = row.GetField("population_source"),
        Aliases = row.GetField("aliases") ?? "",
    });

    public static string CommunityName(Community community, Language language) =>
        Communities.First(entry => entry.Code == Codes<Community>.ToCode(community)).Name(language);

    public static Stream OpenResource(string fileName) =>
        typeof(ReferenceCatalog).Assembly.GetManifestResourceStream($"McscMonitor.ReferenceData.{fileName}")
        ?? throw new InvalidOperationException($"Reference data file {fileName} is not embedded.");

    private static List<T> Read<T>(string fileName, Func<CsvReader, T> map)
    {
        using var reader = new StreamReader(OpenResource(fileName));
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var rows = new List<T>();
        while (csv.Read()) rows.Add(map(csv));
        return rows;
    }
}
