using System.Globalization;
using CsvHelper;
using McscMonitor.Core.Domain;

namespace McscMonitor.Indicators;

/// <summary>The `table` and `csv` forms of the indicators, for terminals and spreadsheets.</summary>
public static class IndicatorText
{
    /// <summary>A table for a terminal, every word of it in the chosen language.</summary>
    public static string Table(IndicatorsDocument document, Language language)
    {
        var t = Web.UiTexts.For(language);
        var rules = FactSheet.FactSheetTexts.For(language);
        string YesNo(bool? value) => value switch { true => t["yes"], false => t["no"], null => t["noData"] };
        string Count(int? value) => value?.ToString(t.Culture) ?? t["noData"];
        string[] headers =
        [
            t["col.municipality"], t["col.council"], t["col.meetingsHeld"], t["table.minimumMet"], t["col.discussing"], t["col.workPlan"],
            t["col.compensation"], t["table.members"], t["table.women"], t["table.nonMajority"], t["col.gaps"],
        ];
        var rows = document.Municipalities.Select(m => new[]
        {
            NameIn(m, language),
            YesNo(m.CouncilEstablished),
            Count(m.MeetingsHeld),
            YesNo(m.MeetsRequiredMinimum),
            Count(m.MeetingsDiscussingSecurityOrNonMajority),
            YesNo(m.WorkPlanAddressesNonMajority),
            m.Compensation is { } compensation ? t[$"compensation.{compensation}"] : t["noData"],
            Count(m.Members?.Total),
            Count(m.Members?.Women),
            m.Members is not { } members ? t["noData"] : members.NonMajority?.ToString(t.Culture) ?? (members.WithheldBelow is { } below ? $"< {below}" : t["withheldShort"]),
            string.Join("; ", m.Gaps.Select(g => rules[$"rule.{g.Rule}"])),
        }).OrderBy(row => row[0], StringComparer.Create(t.Culture, ignoreCase: true)).ToList();
        var widths = headers.Select((header, column) => rows.Select(row => row[column].Length).Append(header.Length).Max()).ToArray();

        var writer = new StringWriter();
        writer.WriteLine(t.Format("table.title", ("year", document.Year), ("version", document.RulebookVersion ?? "—")));
        if (document.Notice is not null) writer.WriteLine(t["illustrative"]);
        writer.WriteLine();
        WriteRow(writer, headers, widths);
        writer.WriteLine(string.Join("  ", widths.Select(width => new string('-', width))));
        foreach (var row in rows) WriteRow(writer, row, widths);
        var s = document.Summary;
        writer.WriteLine();
        writer.WriteLine(t.Format("table.summary",
            ("established", s.CouncilsEstablished), ("total", s.Municipalities), ("withRecords", s.CouncilsWithMeetingRecords),
            ("minimum", s.CouncilsMeetingRequiredMinimum), ("meetings", s.MeetingsHeld), ("discussing", s.MeetingsDiscussingSecurityOrNonMajority),
            ("workPlans", s.WorkPlansAddressingNonMajority), ("compensating", s.MunicipalitiesCompensatingMembers),
            ("partially", s.MunicipalitiesCompensatingPartially)));
        return writer.ToString();
    }

    public static IReadOnlyList<string> ColumnNames => Columns;

    private static readonly string[] Columns =
    [
        "year", "code", "name_sq", "name_sr_latn", "name_sr_cyrl", "name_en", "region", "majority_community",
        "council_established", "meetings_held", "meets_required_minimum", "meetings_discussing_security_or_non_majority",
        "work_plan_addresses_non_majority", "compensates_members", "compensation", "members_total", "members_women",
        "members_non_majority", "gaps",
    ];

    /// <summary>One row per municipality, codes rather than words, so any tool can read it; empty is no data.</summary>
    private static IEnumerable<object?[]> Rows(IndicatorsDocument document) => document.Municipalities.Select(m => new object?[]
    {
        document.Year, m.Code, m.NameSq, m.NameSrLatn, m.NameSrCyrl, m.NameEn, m.Region, m.MajorityCommunity,
        Bool(m.CouncilEstablished), m.MeetingsHeld, Bool(m.MeetsRequiredMinimum), m.MeetingsDiscussingSecurityOrNonMajority,
        Bool(m.WorkPlanAddressesNonMajority), Bool(m.CompensatesMembers), m.Compensation ?? "", m.Members?.Total, m.Members?.Women,
        m.Members?.NonMajority, string.Join("|", m.Gaps.Select(g => g.Rule)),
    });

    public static string Csv(IndicatorsDocument document)
    {
        var writer = new StringWriter();
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var header in Columns) csv.WriteField(header);
        csv.NextRecord();
        foreach (var row in Rows(document))
        {
            foreach (var cell in row) csv.WriteField(cell);
            csv.NextRecord();
        }
        return writer.ToString();
    }

    /// <summary>
    /// <see cref="Csv"/> as the file downloaded: UTF-8 with a byte-order mark, without which
    /// Excel on Windows reads ë, ç and Cyrillic as a legacy code page.
    /// </summary>
    public static byte[] CsvFile(IndicatorsDocument document) => WithByteOrderMark(Csv(document));

    public static byte[] WithByteOrderMark(string text) => [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text)];

    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The same table as <see cref="Csv"/>, as a workbook with numbers as numbers; a published
    /// version's workbook has a second sheet, "about", with its citation and checksums.
    /// </summary>
    public static byte[] Xlsx(IndicatorsDocument document)
    {
        var sheet = Rows(document).Select(row => Columns.Zip(row).ToDictionary(cell => cell.First, cell => cell.Second)).ToList();
        var sheets = new Dictionary<string, object> { [$"indicators_{document.Year}"] = sheet };
        if (document.Publication is { } about) sheets["about"] = About(document, about);
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, sheets);
        return stream.ToArray();
    }

    private static List<Dictionary<string, object?>> About(IndicatorsDocument document, PublicationDocument about) =>
    [
        .. new (string Field, object? Value)[]
        {
            ("year", document.Year), ("version", about.Version), ("published_on", about.PublishedOn), ("publisher", about.Publisher),
            ("url", about.Url), ("citation", about.Citation), ("note", about.Note), ("notice", document.Notice),
            ("rulebook_version", document.RulebookVersion), ("rulebook_sha256", about.RulebookDigest), ("records_sha256", about.RecordsChecksum),
        }.Concat(about.Records.Select(table => (Field: $"records_sha256_{table.Key}", Value: (object?)table.Value)))
        .Select(row => new Dictionary<string, object?> { ["field"] = row.Field, ["value"] = row.Value }),
    ];

    public static string NameIn(MunicipalityDocument municipality, Language language) => language switch
    {
        Language.Sq => municipality.NameSq,
        Language.SrLatn => municipality.NameSrLatn,
        Language.SrCyrl => municipality.NameSrCyrl,
        _ => municipality.NameEn,
    };

    /// <summary>Empty means no data, as in the exchange format.</summary>
    private static string Bool(bool? value) => value switch { true => "true", false => "false", null => "" };

    private static void WriteRow(TextWriter writer, IReadOnlyList<string> cells, int[] widths) =>
        writer.WriteLine(string.Join("  ", cells.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
}
