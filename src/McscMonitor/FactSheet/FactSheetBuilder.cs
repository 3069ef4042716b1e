using McscMonitor.Core.Domain;
using McscMonitor.Indicators;

namespace McscMonitor.FactSheet;

public enum FactSheetFormat { Pdf, Html }

/// <summary>Builds the fact sheet of a year from the database, in any of the four languages.</summary>
public sealed class FactSheetBuilder(IndicatorQuery query, Data.McscDbContext db, TimeProvider clock, PublisherOptions publisher)
{
    /// <param name="stamp">The version being published, or null for a live view.</param>
    /// <param name="unpublished">Label the sheet as live, unpublished figures (what signed-in staff and the CLI see).</param>
    /// <param name="withheldBefore">Municipalities whose community figures an earlier version of the year withheld.</param>
    public async Task<FactSheetModel> BuildAsync(
        int year, Language language, PublicationStamp? stamp = null, bool unpublished = false, IReadOnlySet<string>? withheldBefore = null,
        CancellationToken cancellationToken = default)
    {
        var bothYears = await query.ComputeYearsAsync(year - 1, year, language, cancellationToken: cancellationToken);
        var previous = query.ForPublication(bothYears[0]);
        var current = query.ForPublication(bothYears[1], withheldBefore);
        var illustrative = await query.IsIllustrativeAsync(cancellationToken);
        // What came of the recommendations made on last year's sheet.
        var followUp = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Recommendations.Where(r => r.Year == year - 1).Select(r => r.Status), cancellationToken))
            .GroupBy(status => status).OrderBy(group => group.Key).Select(group => (group.Key, group.Count())).ToList();
        return new FactSheetModel(year, FactSheetTexts.For(language), current, previous, illustrative,
            DateOnly.FromDateTime(clock.GetLocalNow().Date), stamp, unpublished, followUp.Count > 0 ? followUp : null, publisher);
    }

    public async Task<byte[]> RenderAsync(int year, Language language, FactSheetFormat format, CancellationToken cancellationToken = default)
    {
        // The command line draws the live figures, labelled as such: a published version is downloaded, not redrawn.
        var model = await BuildAsync(year, language, unpublished: true, cancellationToken: cancellationToken);
        return format == FactSheetFormat.Pdf
            ? FactSheetPdf.Render(model)
            : System.Text.Encoding.UTF8.GetBytes(await FactSheetHtml.RenderAsync(model));
    }
}
