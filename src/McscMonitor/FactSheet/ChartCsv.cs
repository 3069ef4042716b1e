using System.Globalization;
using CsvHelper;

namespace McscMonitor.FactSheet;

/// <summary>Each chart's numbers as CSV, in the sheet's language: what a reader reuses or checks, beside the picture.</summary>
public static class ChartCsv
{
    public static string Of(FactSheetModel model, string chart) =>
        chart == "map" ? Map(model) : Bars(model, model.Charts.Single(c => c.Id == chart));

    private static string Bars(FactSheetModel model, ChartData chart)
    {
        var texts = model.Texts;
        return Write([texts["municipality"], texts["series"], texts["value"]],
            chart.Bars.Select(bar => new[]
            {
                bar.Label, bar.Series ?? "",
                bar.Text ?? bar.Value?.ToString(CultureInfo.InvariantCulture) ?? texts["noData"],
            }));
    }

    private static string Map(FactSheetModel model)
    {
        var texts = model.Texts;
        var classes = KosovoMap.Classes(model).SelectMany(c => c.MunicipalityCodes.Select(code => (code, c.Label))).ToDictionary(p => p.code, p => p.Label);
        return Write([texts["municipality"], texts["meetingsHeld"]],
            model.Current.Municipalities.OrderBy(model.Name, StringComparer.Create(texts.Culture, true))
                .Select(m => new[] { model.Name(m), classes.GetValueOrDefault(m.Municipality.Code, "") }));
    }

    private static string Write(string[] headers, IEnumerable<string[]> rows)
    {
        using var writer = new StringWriter();
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var header in headers) csv.WriteField(header);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row) csv.WriteField(Import.FormulaCells.Neutralize(cell));
                csv.NextRecord();
            }
        }
        return writer.ToString();
    }
}
