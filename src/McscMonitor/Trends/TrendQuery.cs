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
public sealed record TrendYear(
    int Year, bool Partial, int CouncilsEstablished, int CouncilsWithMeetingRecords, int? CouncilsMeetingRequiredMinimum, int? MeetingsHeld,
    int? MeetingsDiscussingSecurityOrNonMajority, int WorkPlansAddressingNonMajority, int MunicipalitiesCompensatingMembers,
    int MunicipalitiesCompensatingPartially, int? WomenMembers, int? NonMajorityMembers);

/// <summary>Every indicator over every recorded year, for Kosovo, a region or one municipality.</summary>
public sealed record Trend(string? Region, string? Municipality, IReadOnlyList<TrendYear> Years)
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

    public string ToCsv()
    {
        using var writer = new StringWriter();
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        csv.WriteField("year");
        csv.WriteField("partial");
        foreach (var figure in Figures) csv.WriteField(figure);
        csv.NextRecord();
        foreach (var year in Years)
        {
            csv.WriteField(year.Year);
            csv.WriteField(year.Partial ? "yes" : "no");
            // An empty cell is "no data", as in every other download; never a 0 nobody counted.
            foreach (var figure in Figures) csv.WriteField(Value(year, figure));
            csv.NextRecord();
        }
        csv.Flush();
        return writer.ToString();
    }
}

public sealed class TrendQuery(IndicatorQuery query, TimeProvider clock)
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
        // Every year from the first with records to the last is on the axis: a year in between without records is a gap, not left out.
        var thisYear = Today.Of(clock).Year;
        foreach (var indicators in await query.CachedYearsAsync(withData.Min(), withData.Max(), Language.En, cancellationToken))
        {
            var year = indicators.Year;
            var inScope = indicators.Municipalities
                .Where(m => (region is null || m.Municipality.RegionCode == region) && (municipality is null || m.Municipality.Code == municipality))
                .ToList();
            var withRecords = inScope.Where(m => m.CouncilEstablished && m.MeetingsHeld is not null).ToList();
            var withMembers = inScope.Where(m => m.CouncilEstablished && m.Members.Known).ToList();
            years.Add(new TrendYear(year, Partial: year >= thisYear,
                inScope.Count(m => m.CouncilEstablished),
                withRecords.Count,
                withRecords.Count == 0 ? null : withRecords.Count(m => m.MeetsRequiredMinimum == true),
                withRecords.Count == 0 ? null : withRecords.Sum(m => m.MeetingsHeld!.Value),
                withRecords.Count == 0 ? null : withRecords.Sum(m => m.MeetingsDiscussingSecurityOrNonMajority ?? 0),
                inScope.Count(m => m.WorkPlanAddressesNonMajority == true),
                inScope.Count(m => m.CouncilEstablished && m.CompensatesMembers == true),
                inScope.Count(m => m.CouncilEstablished && m.Compensation == CompensationStatus.Partial),
                withMembers.Count == 0 ? null : withMembers.Sum(m => m.Members.Women),
                withMembers.Count == 0 ? null : withMembers.Sum(m => m.Members.NonMajority ?? 0)));
        }
        return new Trend(region, municipality, years);
    }
}
