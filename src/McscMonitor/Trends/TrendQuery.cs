using System.Globalization;
using CsvHelper;
using McscMonitor.Core.Domain;
using McscMonitor.Indicators;
using McscMonitor.ReferenceData;

namespace McscMonitor.Trends;

/// <summary>
/// One year of a trend: the indicators summed over the municipalities in scope. Meeting figures
/// are sums over the councils with meeting records (<see cref="CouncilsWithMeetingRecords"/>) and
/// null ("no data") when none has any; member figures are null when no council in scope has a
/// member recorded. Unknown is never counted as zero.
/// </summary>
/// <param name="Partial">The year in progress: its figures are so far, not the year's.</param>
/// <param name="NonMajorityMembersWithheld">
/// <paramref name="NonMajorityMembers"/> is null because a count in scope is withheld (to protect
/// individuals), not because none is recorded: shown as "withheld", never as "no data".
/// </param>
public sealed record TrendYear(
    int Year, bool Partial, int CouncilsEstablished, int CouncilsWithMeetingRecords, int? CouncilsMeetingRequiredMinimum, int? MeetingsHeld,
    int? MeetingsDiscussingSecurityOrNonMajority, int WorkPlansAddressingNonMajority, int MunicipalitiesCompensatingMembers,
    int MunicipalitiesCompensatingPartially, int? WomenMembers, int? NonMajorityMembers, bool NonMajorityMembersWithheld = false);

/// <summary>Every indicator over every recorded year, for Kosovo, a region or one municipality.</summary>
/// <param name="Published">Built from the latest published version of each year (what the public sees), not from the live records.</param>
public sealed record Trend(string? Region, string? Municipality, IReadOnlyList<TrendYear> Years, bool Published = false)
{
    public static readonly string[] Figures =
    [
        "councilsEstablished", "councilsWithMeetingRecords", "councilsMeetingRequiredMinimum", "meetingsHeld",
        "meetingsDiscussingSecurityOrNonMajority", "workPlansAddressingNonMajority", "municipalitiesCompensatingMembers",
        "municipalitiesCompensatingPartially", "womenMembers", "nonMajorityMembers",
    ];

    /// <summary>A figure of a year; null is "no data".</summary>
    public static int? Value(TrendYear year, string figure) => figure switch
    {
        "councilsEstablished" => year.CouncilsEstablished,
        "councilsWithMeetingRecords" => year.CouncilsWithMeetingRecords,
        "councilsMeetingRequiredMinimum" => year.CouncilsMeetingRequiredMinimum,
        "meetingsHeld" => year.MeetingsHeld,
        "meetingsDiscussingSecurityOrNonMajority" => year.MeetingsDiscussingSecurityOrNonMajority,
        "workPlansAddressingNonMajority" => year.WorkPlansAddressingNonMajority,
        "municipalitiesCompensatingMembers" => year.MunicipalitiesCompensatingMembers,
        "municipalitiesCompensatingPartially" => year.MunicipalitiesCompensatingPartially,
        "womenMembers" => year.WomenMembers,
        _ => year.NonMajorityMembers,
    };

    /// <summary>Whether a year's figure is missing because it is withheld, not because nothing is recorded.</summary>
    public static bool Withheld(TrendYear year, string figure) => figure == "nonMajorityMembers" && year.NonMajorityMembersWithheld;

    /// <summary>The column that says a year's non-majority count is withheld: an empty cell alone would read as "no data".</summary>
    private const string WithheldColumn = "nonMajorityMembersWithheld";

    public string ToCsv()
    {
        using var writer = new StringWriter();
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        csv.WriteField("year");
        csv.WriteField("partial");
        foreach (var figure in Figures) csv.WriteField(figure);
        csv.WriteField(WithheldColumn);
        csv.NextRecord();
        foreach (var year in Years)
        {
            csv.WriteField(year.Year);
            csv.WriteField(year.Partial ? "yes" : "no");
            // An empty cell is "no data", as in every other download; never a 0 nobody counted.
            foreach (var figure in Figures) csv.WriteField(Value(year, figure));
            csv.WriteField(year.NonMajorityMembersWithheld ? "yes" : "no");
            csv.NextRecord();
        }
        csv.Flush();
        return writer.ToString();
    }

    /// <summary>The same table as <see cref="ToCsv"/>, as a workbook with numbers as numbers and "no data" left empty.</summary>
    public byte[] ToXlsx()
    {
        var rows = Years.Select(year =>
        {
            var row = new Dictionary<string, object?> { ["year"] = year.Year, ["partial"] = year.Partial ? "yes" : "no" };
            foreach (var figure in Figures) row[figure] = Value(year, figure);
            row[WithheldColumn] = year.NonMajorityMembersWithheld ? "yes" : "no";
            return row;
        }).ToList();
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows, sheetName: "trends");
        return stream.ToArray();
    }
}

public sealed class TrendQuery(IndicatorQuery query, Publications.Publisher publisher, TimeProvider clock)
{
    /// <summary>
    /// The trend as published: each year's figures from its latest published version, so that
    /// the public trend never shows a figure the sheets did not, nor a total that gives a withheld one away.
    /// </summary>
    public async Task<Trend?> PublishedAsync(string? region, string? municipality, CancellationToken cancellationToken)
    {
        if (region is not null && ReferenceCatalog.Regions.All(r => r.Code != region)) return null;
        if (municipality is not null && ReferenceCatalog.Municipalities.All(m => m.Code != municipality)) return null;
        var thisYear = Today.Of(clock).Year;
        var years = new List<TrendYear>();
        foreach (var year in (await publisher.PublishedYearsAsync(cancellationToken)).Order())
        {
            var document = await publisher.PublishedIndicatorsAsync(year, Language.En, cancellationToken);
            if (document is null) continue;
            years.Add(YearOf(year, year >= thisYear, InScope(document.Municipalities, region, municipality)));
        }
        return new Trend(region, municipality, years, Published: true);
    }

    /// <summary>The trend of the scope; null when the region or municipality is unknown.</summary>
    public async Task<Trend?> ComputeAsync(string? region, string? municipality, CancellationToken cancellationToken)
    {
        if (region is not null && ReferenceCatalog.Regions.All(r => r.Code != region)) return null;
        if (municipality is not null && ReferenceCatalog.Municipalities.All(m => m.Code != municipality)) return null;
        var years = new List<TrendYear>();
        var withData = (await query.YearsWithDataAsync(cancellationToken)).ToHashSet();
        if (withData.Count == 0) return new Trend(region, municipality, years);
        // Exact figures: trends are for staff, and an officer's trend is of their own municipality, whose members they see anyway.
        // Every year from the first with records to the last is on the axis: a year in between without records is a gap, not left out.
        var thisYear = Today.Of(clock).Year;
        foreach (var indicators in await query.CachedYearsAsync(withData.Min(), withData.Max(), Language.En, cancellationToken))
        {
            var rows = IndicatorsDocument.From(indicators, illustrative: false).Municipalities;
            years.Add(YearOf(indicators.Year, indicators.Year >= thisYear, InScope(rows, region, municipality)));
        }
        return new Trend(region, municipality, years);
    }

    private static List<MunicipalityDocument> InScope(IEnumerable<MunicipalityDocument> municipalities, string? region, string? municipality) =>
        municipalities.Where(m => (region is null || m.Region == region) && (municipality is null || m.Code == municipality)).ToList();

    /// <summary>
    /// One year of the scope, from its municipalities' rows (live or as published). A
    /// non-majority count withheld in any municipality of the scope makes the total withheld
    /// (null) too: a total beside the other municipalities' published counts would give it away.
    /// </summary>
    private static TrendYear YearOf(int year, bool partial, IReadOnlyList<MunicipalityDocument> inScope)
    {
        var withRecords = inScope.Where(m => m.CouncilEstablished && m.MeetingsHeld is not null).ToList();
        var withMembers = inScope.Where(m => m.CouncilEstablished && m.Members is not null).ToList();
        var anyWithheld = withMembers.Any(m => m.Members!.NonMajority is null);
        return new TrendYear(year, partial,
            inScope.Count(m => m.CouncilEstablished),
            withRecords.Count,
            withRecords.Count == 0 ? null : withRecords.Count(m => m.MeetsRequiredMinimum == true),
            withRecords.Count == 0 ? null : withRecords.Sum(m => m.MeetingsHeld!.Value),
            withRecords.Count == 0 ? null : withRecords.Sum(m => m.MeetingsDiscussingSecurityOrNonMajority ?? 0),
            inScope.Count(m => m.WorkPlanAddressesNonMajority == true),
            inScope.Count(m => m.CouncilEstablished && m.CompensatesMembers == true),
            inScope.Count(m => m.CouncilEstablished && m.Compensation == Codes<CompensationStatus>.ToCode(CompensationStatus.Partial)),
            withMembers.Count == 0 ? null : withMembers.Sum(m => m.Members!.Women),
            withMembers.Count == 0 || anyWithheld ? null : withMembers.Sum(m => m.Members!.NonMajority!.Value),
            anyWithheld);
    }
}
