using System.Globalization;
using CsvHelper;
using McscMonitor.Core.Domain;

namespace McscMonitor.Indicators;

/// <summary>The `table` and `csv` forms of the indicators, for terminals and spreadsheets.</summary>
public static class IndicatorText
{
    public static string Table(IndicatorsDocument document, Language language)
    {
        string[] headers = ["Municipality", "Council", "Meetings", "Min. met", "Sec./non-maj.", "Work plan", "Compensation", "Members", "Women", "Non-maj.", "Gaps"];
        var rows = document.Municipalities.Select(m => new[]
        {
            NameIn(m, language),
            YesNo(m.CouncilEstablished),
            m.MeetingsHeld.ToString(CultureInfo.InvariantCulture),
            YesNo(m.MeetsRequiredMinimum),
            m.MeetingsDiscussingSecurityOrNonMajority.ToString(CultureInfo.InvariantCulture),
            YesNo(m.WorkPlanAddressesNonMajority),
            m.Compensation ?? "no data",
            m.Members.Total.ToString(CultureInfo.InvariantCulture),
            m.Members.Women.ToString(CultureInfo.InvariantCulture),
            m.Members.NonMajority?.ToString(CultureInfo.InvariantCulture) ?? $"<{m.Members.WithheldBelow}",
            string.Join(", ", m.Gaps.Select(g => g.Rule)),
        }).ToList();
        var widths = headers.Select((header, column) => rows.Select(row => row[column].Length).Append(header.Length).Max()).ToArray();

        var writer = new StringWriter();
        writer.WriteLine($"MCSC indicators {document.Year} (rulebook {document.RulebookVersion ?? "none"})");
        if (document.Notice is not null) writer.WriteLine(document.Notice);
        writer.WriteLine();
        WriteRow(writer, headers, widths);
        writer.WriteLine(string.Join("  ", widths.Select(width => new string('-', width))));
        foreach (var row in rows) WriteRow(writer, row, widths);
        var s = document.Summary;
        writer.WriteLine();
        writer.WriteLine($"Councils established: {s.CouncilsEstablished} of {s.Municipalities}; meeting the minimum: {s.CouncilsMeetingRequiredMinimum}; " +
                         $"meetings held: {s.MeetingsHeld} ({s.MeetingsDiscussingSecurityOrNonMajority} on security or non-majority concerns); " +
                         $"work plans addressing non-majority concerns: {s.WorkPlansAddressingNonMajority}; " +
                         $"compensating members: {s.MunicipalitiesCompensatingMembers} (partially: {s.MunicipalitiesCompensatingPartially}).");
        return writer.ToString();
    }

    public static string Csv(IndicatorsDocument document)
    {
        var writer = new StringWriter();
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var header in new[]
                 {
                     "year", "code", "name_sq", "name_sr_latn", "name_sr_cyrl", "name_en", "region", "majority_community",
                     "council_established", "meetings_held", "meets_required_minimum", "meetings_discussing_security_or_non_majority",
                     "work_plan_addresses_non_majority", "compensates_members", "compensation", "members_total", "members_women",
                     "members_non_majority", "gaps",
                 })
            csv.WriteField(header);
        csv.NextRecord();
        foreach (var m in document.Municipalities)
        {
            csv.WriteField(document.Year);
            foreach (var field in new[] { m.Code, m.NameSq, m.NameSrLatn, m.NameSrCyrl, m.NameEn, m.Region, m.MajorityCommunity })
                csv.WriteField(field);
            csv.WriteField(Bool(m.CouncilEstablished));
            csv.WriteField(m.MeetingsHeld);
            csv.WriteField(Bool(m.MeetsRequiredMinimum));
            csv.WriteField(m.MeetingsDiscussingSecurityOrNonMajority);
            csv.WriteField(Bool(m.WorkPlanAddressesNonMajority));
            csv.WriteField(Bool(m.CompensatesMembers));
            csv.WriteField(m.Compensation ?? "");
            csv.WriteField(m.Members.Total);
            csv.WriteField(m.Members.Women);
            csv.WriteField(m.Members.NonMajority);
            csv.WriteField(string.Join("|", m.Gaps.Select(g => g.Rule)));
            csv.NextRecord();
        }
        return writer.ToString();
    }

    public static string NameIn(MunicipalityDocument municipality, Language language) => language switch
    {
        Language.Sq => municipality.NameSq,
        Language.SrLatn => municipality.NameSrLatn,
        Language.SrCyrl => municipality.NameSrCyrl,
        _ => municipality.NameEn,
    };

    private static string YesNo(bool? value) => value switch { true => "yes", false => "no", null => "no data" };

    /// <summary>Empty means no data, as in the exchange format.</summary>
    private static string Bool(bool? value) => value switch { true => "true", false => "false", null => "" };

    private static void WriteRow(TextWriter writer, IReadOnlyList<string> cells, int[] widths) =>
        writer.WriteLine(string.Join("  ", cells.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
}
