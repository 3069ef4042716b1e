using System.Globalization;
using McscMonitor.Core.Domain;
using McscMonitor.Import;

namespace McscMonitor.Demo;

/// <summary>
/// An illustrative data set for 2019–2023 that exercises every indicator: councils missing or
/// established mid-period, councils meeting six times or more and never, cancelled meetings,
/// partial compensation, and years with nothing recorded. Deterministic, so it can be tested.
/// It is not official data and is labelled so wherever it is shown.
/// </summary>
public static class DemoData
{
    public const int FirstYear = 2019;
    public const int LastYear = 2023;

    public static IEnumerable<int> Years => Enumerable.Range(FirstYear, LastYear - FirstYear + 1);

    /// <summary>Municipalities that, in this illustration, have no council at all.</summary>
    public static readonly IReadOnlySet<string> WithoutCouncil = new HashSet<string> { "leposaviq", "zubin-potok", "zvecan", "mitrovice-veri" };

    /// <summary>A council the assembly establishes in the middle of the period.</summary>
    public const string EstablishedLate = "mamushe";
    public static readonly DateOnly LateEstablishment = new(2020, 9, 14);

    /// <summary>The 2021 local elections: councils are re-appointed, so membership has two terms.</summary>
    private static readonly DateOnly FirstTermEnds = new(2022, 1, 31);
    private static readonly DateOnly SecondTermStarts = new(2022, 2, 1);

    public static IReadOnlyList<ExchangeTable> Tables(IReadOnlyList<Municipality> municipalities)
    {
        var councils = new List<string?[]>();
        var members = new List<string?[]>();
        var meetings = new List<string?[]>();
        var workPlans = new List<string?[]>();
        var compensation = new List<string?[]>();

        foreach (var municipality in municipalities.OrderBy(m => m.Code, StringComparer.Ordinal))
        {
            if (WithoutCouncil.Contains(municipality.Code)) continue;
            var random = new Random(municipality.KasIndex * 7919);
            var established = municipality.Code == EstablishedLate
                ? LateEstablishment
                : new DateOnly(2013 + random.Next(0, 5), 1 + random.Next(0, 12), 1 + random.Next(0, 28));
            councils.Add([municipality.Code, IsoDate.Text(established), $"01-{municipality.KasIndex:00}/{established.Year}", null]);

            AddMembers(municipality, established, random, members);

            // Diligence decides how often a council meets: from never to every second month.
            var diligence = random.NextDouble();
            for (var year = Math.Max(FirstYear, established.Year); year <= LastYear; year++)
            {
                AddMeetings(municipality, year, established, diligence, random, meetings);
                AddWorkPlan(municipality, year, diligence, random, workPlans);
                AddCompensation(municipality, year, diligence, random, compensation);
            }
        }

        return
        [
            Table(ExchangeFormat.Councils, councils),
            Table(ExchangeFormat.Members, members),
            Table(ExchangeFormat.Meetings, meetings),
            Table(ExchangeFormat.WorkPlans, workPlans),
            Table(ExchangeFormat.Compensation, compensation),
        ];
    }

    private static void AddMembers(Municipality municipality, DateOnly established, Random random, List<string?[]> rows)
    {
        var nonMajority = Enum.GetValues<Community>()
            .Where(c => c != municipality.MajorityCommunity && c != Community.Other)
            .OrderBy(_ => random.Next())
            .Take(random.Next(0, 4))
            .ToList();
        var womenShare = random.NextDouble() < 0.15 ? 0.0 : 0.1 + random.NextDouble() * 0.3;

        foreach (var (term, from, until) in new[] { (1, established, (DateOnly?)FirstTermEnds), (2, SecondTermStarts, null) })
        {
            var seats = new List<(MemberRole Role, Community Community)>
            {
                (MemberRole.Chair, municipality.MajorityCommunity),
                (MemberRole.Police, municipality.MajorityCommunity),
                (MemberRole.MunicipalOfficial, municipality.MajorityCommunity),
                (MemberRole.MunicipalOfficial, municipality.MajorityCommunity),
                (MemberRole.ReligiousRepresentative, municipality.MajorityCommunity),
                (MemberRole.CivilSociety, municipality.MajorityCommunity),
                (MemberRole.YouthRepresentative, municipality.MajorityCommunity),
            };
            seats.AddRange(nonMajority.Select(community => (MemberRole.CommunityRepresentative, community)));
            if (womenShare > 0) seats.Add((MemberRole.WomenRepresentative, municipality.MajorityCommunity));

            for (var seat = 0; seat < seats.Count; seat++)
            {
                var (role, community) = seats[seat];
                var isWoman = role == MemberRole.WomenRepresentative || (womenShare > 0 && random.NextDouble() < womenShare);
                // One member of the first term leaves early, so "serving on 31 December" is exercised.
                var left = term == 1 && seat == 2 ? from.AddDays((FirstTermEnds.DayNumber - from.DayNumber) / 2) : until;
                rows.Add(
                [
                    municipality.Code, $"T{term}-{seat + 1:00}", null, isWoman ? "female" : "male",
                    Codes<Community>.ToCode(community), null, Codes<MemberRole>.ToCode(role), IsoDate.Text(from), IsoDate.Text(left),
                ]);
            }
        }
    }

    private static void AddMeetings(Municipality municipality, int year, DateOnly established, double diligence, Random random, List<string?[]> rows)
    {
        var planned = (int)Math.Round(diligence * 8 + random.NextDouble() * 2 - 1);
        planned = Math.Clamp(planned, 0, 8);
        for (var meeting = 0; meeting < planned; meeting++)
        {
            var month = 1 + meeting * 12 / Math.Max(planned, 1) + random.Next(0, Math.Max(1, 12 / Math.Max(planned, 1)));
            var date = new DateOnly(year, Math.Min(month, 12), 1 + random.Next(0, 27));
            if (date < established) continue;
            var cancelled = random.NextDouble() < 0.12;
            var attendees = 6 + random.Next(0, 12);
            var women = random.Next(0, Math.Max(1, attendees / 3));
            rows.Add(
            [
                municipality.Code, IsoDate.Text(date), cancelled ? "cancelled" : "held",
                cancelled ? null : attendees.ToString(CultureInfo.InvariantCulture),
                cancelled ? null : women.ToString(CultureInfo.InvariantCulture),
                cancelled ? null : YesNo(random.NextDouble() < 0.55),
                cancelled ? null : YesNo(random.NextDouble() < 0.35),
                cancelled ? null : YesNo(random.NextDouble() < 0.8),
            ]);
        }
    }

    private static void AddWorkPlan(Municipality municipality, int year, double diligence, Random random, List<string?[]> rows)
    {
        var draw = random.NextDouble();
        if (draw < 0.2) return; // nothing recorded: "no data"
        var adopted = draw < 0.2 + diligence * 0.7;
        rows.Add(
        [
            municipality.Code, year.ToString(CultureInfo.InvariantCulture),
            adopted ? IsoDate.Text(new DateOnly(year, 1 + random.Next(0, 4), 1 + random.Next(0, 27))) : null,
            YesNo(random.NextDouble() < 0.6),
        ]);
    }

    private static void AddCompensation(Municipality municipality, int year, double diligence, Random random, List<string?[]> rows)
    {
        var draw = random.NextDouble();
        if (draw < 0.15) return; // nothing recorded
        var status = draw < 0.15 + diligence * 0.6 ? "paid" : draw < 0.85 ? "none" : "partial";
        rows.Add(
        [
            municipality.Code, year.ToString(CultureInfo.InvariantCulture), status,
            status == "none" ? null : (20 + 5 * random.Next(0, 5)).ToString(CultureInfo.InvariantCulture),
        ]);
    }

    private static ExchangeTable Table(ExchangeSchema schema, List<string?[]> rows) => new(
        schema.Name, $"demo {schema.FileName}", schema.ColumnNames.ToList(),
        rows.Select((cells, index) => new ExchangeRow(index + 2, cells)).ToList());


    private static string YesNo(bool value) => value ? "yes" : "no";
}
