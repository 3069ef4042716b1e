using System.Globalization;
using CsvHelper;
using McscMonitor.Core.Domain;
using McscMonitor.Indicators;
using McscMonitor.ReferenceData;

namespace McscMonitor.Trends;

/// <summary>One year of a trend: the indicators summed over the municipalities in scope (unknown meetings are not counted as zero).</summary>
public sealed record TrendYear(
    int Year, int CouncilsEstablished, int CouncilsWithMeetingRecords, int CouncilsMeetingRequiredMinimum, int MeetingsHeld,
    int MeetingsDiscussingSecurityOrNonMajority, int WorkPlansAddressingNonMajority, int MunicipalitiesCompensatingMembers,
    int WomenMembers, int NonMajorityMembers);

/// <summary>Every indicator over every recorded year, for Kosovo, a region or one municipality.</summary>
public sealed record Trend(string? Region, string? Municipality, IReadOnlyList<TrendYear> Years)
{
    public static readonly string[] Figures =
    [
        "councilsEstablished", "councilsWithMeetingRecords", "councilsMeetingRequiredMinimum", "meetingsHeld",
        "meetingsDiscussingSecurityOrNonMajority", "workPlansAddressingNonMajority", "municipalitiesCompensatingMembers",
        "womenMembers", "nonMajorityMembers",
    ];

    public static int Value(TrendYear year, string figure) => figure switch
    {
        "councilsEstablished" => year.CouncilsEstablished,
        "councilsWithMeetingRecords" => year.CouncilsWithMeetingRecords,
        "councilsMeetingRequiredMinimum" => year.CouncilsMeetingRequiredMinimum,
        "meetingsHeld" => year.MeetingsHeld,
        "meetingsDiscussingSecurityOrNonMajority" => year.MeetingsDiscussingSecurityOrNonMajority,
        "workPlansAddressingNonMajority" => year.WorkPlansAddressingNonMajority,
        "municipalitiesCompensatingMembers" => year.MunicipalitiesCompensatingMembers,
        "womenMembers" => year.WomenMembers,
        _ => year.NonMajorityMembers,
    };

    public string ToCsv()
    {
        using var writer = new StringWriter();
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        csv.WriteField("year");
        foreach (var figure in Figures) csv.WriteField(figure);
        csv.NextRecord();
        foreach (var year in Years)
        {
            csv.WriteField(year.Year);
            foreach (var figure in Figures) csv.WriteField(Value(year, figure));
            csv.NextRecord();
        }
        csv.Flush();
        return writer.ToString();
    }
}

public sealed class TrendQuery(IndicatorQuery query)
{
    /// <summary>The trend of the scope; null when the region or municipality is unknown.</summary>
    public async Task<Trend?> ComputeAsync(string? region, string? municipality, CancellationToken cancellationToken)
    {
        if (region is not null && ReferenceCatalog.Regions.All(r => r.Code != region)) return null;
        if (municipality is not null && ReferenceCatalog.Municipalities.All(m => m.Code != municipality)) return null;
        var years = new List<TrendYear>();
        var withData = (await query.YearsWithDataAsync(cancellationToken)).ToHashSet();
        if (withData.Count == 0) return new Trend(region, municipality, years);
        // Exact figures: trends are for staff, and an officer's trend is of their own municipality, whose members they see anyway.
        foreach (var indicators in (await query.CachedYearsAsync(withData.Min(), withData.Max(), Language.En, cancellationToken)).Where(y => withData.Contains(y.Year)))
        {
            var year = indicators.Year;
            var inScope = indicators.Municipalities
                .Where(m => (region is null || m.Municipality.RegionCode == region) && (municipality is null || m.Municipality.Code == municipality))
                .ToList();
            years.Add(new TrendYear(year,
                inScope.Count(m => m.CouncilEstablished),
                inScope.Count(m => m.CouncilEstablished && m.MeetingsHeld is not null),
                inScope.Count(m => m.MeetsRequiredMinimum == true),
                inScope.Sum(m => m.MeetingsHeld ?? 0),
                inScope.Sum(m => m.MeetingsDiscussingSecurityOrNonMajority ?? 0),
                inScope.Count(m => m.WorkPlanAddressesNonMajority == true),
                inScope.Count(m => m.CompensatesMembers == true),
                inScope.Sum(m => m.Members.Women),
                inScope.Sum(m => m.Members.NonMajority ?? 0)));
        }
        return new Trend(region, municipality, years);
    }
}
