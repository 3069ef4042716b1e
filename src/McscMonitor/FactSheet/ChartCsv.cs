using System.Globalization;
using CsvHelper;

namespace McscMonitor.FactSheet;

/// <summary>
/// Each chart's numbers as CSV, in the sheet's language: what a reader reuses or checks, beside
/// the picture. One fact per column (a total in its own column, a count rather than the map's
/// class), no column that is always empty, and "no data" written out, never left as a 0.
/// </summary>
public static class ChartCsv
{
    public static string Of(FactSheetModel model, ChartKind chart) => chart switch
    {
        ChartKind.Map => Map(model),
        ChartKind.Trend => throw ChartKinds.NoFiles(chart),
        ChartKind.Meetings or ChartKind.Discussions or ChartKind.WorkPlans or ChartKind.Compensation or ChartKind.Inclusion =>
            Bars(model, model.Charts.Single(c => c.Kind == chart)),
    };

    private static string Bars(FactSheetModel model, ChartData chart)
    {
        var texts = model.Texts;
        var withSeries = chart.Bars.Any(bar => bar.Series is not null);
        var withTotals = chart.Bars.Any(bar => bar.Total is not null);
        string[] Optional(bool shown, string cell) => shown ? [cell] : [];
        string[] headers = [texts["municipality"], .. Optional(withTotals, texts["membersTotal"]), .. Optional(withSeries, texts["series"]), texts["value"]];
        return Write(headers, chart.Bars.Select(bar => (string[])
        [
            bar.Subject ?? bar.Label,
            .. Optional(withTotals, Number(bar.Total, texts)),
            .. Optional(withSeries, bar.Series ?? ""),
            bar.Text ?? Number(bar.Value is { } value ? (int)value : null, texts),
        ]));
    }

    /// <summary>The map's numbers: each municipality's meetings held (or "no data") and the class it is coloured by.</summary>
    private static string Map(FactSheetModel model)
    {
        var texts = model.Texts;
        var classes = KosovoMap.Classes(model).SelectMany(c => c.MunicipalityCodes.Select(code => (code, c.Label))).ToDictionary(p => p.code, p => p.Label);
        return Write([texts["municipality"], texts["meetingsHeld"], texts["mapClass"]],
            model.Current.Municipalities.OrderBy(model.Name, StringComparer.Create(texts.Culture, true))
                .Select(m => new[] { model.Name(m), m.CouncilEstablished ? Number(m.MeetingsHeld, texts) : texts["noData"], classes.GetValueOrDefault(m.Municipality.Code, "") }));
    }

    private static string Number(int? value, Core.Localization.TextCatalog texts) =>
        value?.ToString(CultureInfo.InvariantCulture) ?? texts["noData"];

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
