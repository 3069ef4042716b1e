using McscMonitor.Core.Domain;
using McscMonitor.Indicators;

namespace McscMonitor.FactSheet;

public enum FactSheetFormat { Pdf, Html }

/// <summary>Builds the fact sheet of a year from the database, in any of the four languages.</summary>
public sealed class FactSheetBuilder(IndicatorQuery query, TimeProvider clock)
{
    public async Task<FactSheetModel> BuildAsync(int year, Language language, CancellationToken cancellationToken = default)
    {
        var current = query.ForPublication(await query.ComputeAsync(year, language, cancellationToken));
        var previous = query.ForPublication(await query.ComputeAsync(year - 1, language, cancellationToken));
        var illustrative = await query.IsIllustrativeAsync(cancellationToken);
        return new FactSheetModel(year, FactSheetTexts.For(language), current, previous, illustrative,
            DateOnly.FromDateTime(clock.GetLocalNow().Date));
    }

    public async Task<byte[]> RenderAsync(int year, Language language, FactSheetFormat format, CancellationToken cancellationToken = default)
    {
        var model = await BuildAsync(year, language, cancellationToken);
        return format == FactSheetFormat.Pdf
            ? FactSheetPdf.Render(model)
            : System.Text.Encoding.UTF8.GetBytes(await FactSheetHtml.RenderAsync(model));
    }
}
