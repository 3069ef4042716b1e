using McscMonitor.Core.Domain;
using SkiaSharp;

namespace McscMonitor.FactSheet;

/// <summary>
/// Writes the fact sheet as an A4 PDF through SkiaSharp's PDF back end: text stays text, the
/// DejaVu fonts are embedded as subsets, and charts are drawn as vectors.
/// </summary>
public static class FactSheetPdf
{
    public static byte[] Render(FactSheetModel model)
    {
        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"{model.Title} — {model.Subtitle}",
            Subject = model.Illustrative ? model.Texts["illustrative"] : model.SourceLine,
            Keywords = $"MCSC, {model.Year}, lang:{model.Language.Tag()}",
            Author = model.PublisherName ?? "McscMonitor",
            Creator = "McscMonitor",
            Producer = "McscMonitor (SkiaSharp)",
            Creation = model.GeneratedOn.ToDateTime(TimeOnly.MinValue),
            Modified = model.GeneratedOn.ToDateTime(TimeOnly.MinValue),
        };
        using (var document = SKDocument.CreatePdf(stream, metadata))
        using (var page = new PageFlow(document, model))
        {
            WriteOpening(page, model);
            WriteIndicators(page, model);
            WriteInclusionAndGaps(page, model);
            WriteMethodology(page, model);
        }
        return stream.ToArray();
    }

    private static void WriteOpening(PageFlow page, FactSheetModel model)
    {
        var texts = model.Texts;
        // Which version this is, or that it is none: first, as on the web page.
        foreach (var line in model.PrintStampLines) page.Text(line, SheetStyle.Small, color: PageFlow.Grey, after: 1);
        if (model.Unpublished) page.Text(texts["unpublished"], SheetStyle.Small, color: PageFlow.Grey, after: 1);
        page.Text(model.Title, SheetStyle.Title, bold: true, color: PageFlow.Navy);
        page.Text(model.Subtitle, SheetStyle.Subtitle, color: PageFlow.Navy, after: model.PublisherName is null ? 10 : 2);
        if (model.PublisherName is { } publisher) page.Text(texts.Format("publishedBy", ("publisher", publisher)), SheetStyle.Body, color: PageFlow.Navy, after: 8);
        page.Text(texts["intro"], SheetStyle.Body);
        page.Text(texts["purpose"], SheetStyle.Body);
        page.Text(model.Established + " ¹", SheetStyle.Body, bold: true, after: 10);
        page.KeyFigures(texts["keyFigures"], model.KeyFigures.Select(f => (texts.Number(f.Value), f.Label)).ToList());

        page.Heading(texts.Format("mapTitle", ("year", model.Year)));
        (string Text, float Size, float After)[] notes =
        [
            (texts["mapAttribution"], 7, 8),
            ("¹ " + texts["footnote"], SheetStyle.Note, 3),
            (model.SourceLine, SheetStyle.Note, 1),
            (texts.Format("generated", ("date", texts.Date(model.GeneratedOn)), ("version", model.RulebookVersion)), SheetStyle.Note, 5),
        ];
        // As large as page 1 allows in every language and state, down to where the legend is still 8 points.
        var room = page.Remaining - notes.Sum(note => page.TextHeight(note.Text, note.Size, after: note.After)) - 8;
        var scale = Math.Clamp(room / KosovoMap.Height, KosovoMap.SmallestPrintScale, 0.9f);
        page.Place(KosovoMap.Width, KosovoMap.Height, (canvas, x, y) => KosovoMap.Draw(canvas, model, x, y), scale);
        foreach (var (text, size, after) in notes) page.Text(text, size, color: PageFlow.Grey, after: after);
    }

    private static void WriteIndicators(PageFlow page, FactSheetModel model)
    {
        var texts = model.Texts;
        page.NewPage();
        page.Text(texts.Format("section", ("year", model.Year)), SheetStyle.Section, bold: true, color: PageFlow.Navy, after: 6);
        // Charts in their numbered order. Chart 1 fills most of a page; the comparison and the rules
        // fill the rest of it, and charts 2 to 4 share the next page.
        Chart(page, model.MeetingsHeld);

        var comparison = model.Comparison;
        page.Heading(texts.Format("comparisonTitle", ("previous", model.Year - 1)), keepWith: PageFlow.TableHeight(comparison.Count));
        page.Table(
            [texts["indicator"], (model.Year - 1).ToString(texts.Culture), model.Year.ToString(texts.Culture), texts["change"]],
            comparison.Select(row => new[]
            {
                row.Indicator, texts.Number(row.Previous), texts.Number(row.Current),
                (row.Current - row.Previous).ToString("+#,0;−#,0;0", texts.Culture),
            }).ToList(),
            [0.64f, 0.12f, 0.12f, 0.12f]);
        if (model.FollowUp is { } followUp)
        {
            page.Heading(texts.Format("followUpTitle", ("year", model.Year - 1)), keepWith: PageFlow.TableHeight(followUp.Count));
            page.Table([texts["followUpStatus"], texts["followUpCount"]],
                followUp.Select(row => new[] { texts[$"status.{Core.Domain.Codes.ToCode(row.Status)}"], texts.Number(row.Count) }).ToList(),
                [0.80f, 0.20f]);
        }
        page.Heading(texts["citations"], keepWith: 10 * model.RulesInForce.Count);
        foreach (var rule in model.RulesInForce) page.Text($"{rule.Number}. {rule.Label}: {rule.Citation}", SheetStyle.Note, color: PageFlow.Grey, after: 1);

        page.NewPage();
        Chart(page, model.Discussions);
        page.SideBySide(Chart(model.WorkPlans), Chart(model.Compensation));
        if (model.Citation is { } citation)
        {
            page.Heading(texts["citeTitle"], keepWith: 24);
            page.Text(citation, SheetStyle.Small, color: PageFlow.Grey);
        }
    }

    private static void WriteInclusionAndGaps(PageFlow page, FactSheetModel model)
    {
        var texts = model.Texts;
        if (model.Inclusion.Bars.Count > 0) Chart(page, model.Inclusion);
        var rules = model.RulesInForce;
        page.GapGrid(texts["gapsTitle"], rules.Select(rule => rule.Id).ToList(),
            model.GapMatrix.Select(row => (row.Municipality, (IReadOnlySet<string>)row.RuleIds.ToHashSet())).ToList());
        page.Text(string.Join(" · ", rules.Select(rule => $"{rule.Number} = {rule.Label}")), SheetStyle.Note, color: PageFlow.Grey);
    }

    private static void WriteMethodology(PageFlow page, FactSheetModel model)
    {
        page.NewPage();
        page.Text(model.Texts["methodTitle"], SheetStyle.Section, bold: true, color: PageFlow.Navy, after: 8);
        foreach (var paragraph in model.Methodology) page.Text(paragraph, SheetStyle.Body, after: 6);
    }

    private static void Chart(PageFlow page, ChartData chart)
    {
        var (width, height) = FactSheetCharts.SizeOf(chart);
        page.Heading(chart.Title, keepWith: height + 14);
        if (chart.Note is not null) page.Text(chart.Note, SheetStyle.Small, color: PageFlow.Grey, after: 2);
        page.Place(width, height, (canvas, x, y) => FactSheetCharts.Draw(canvas, chart, x, y));
    }

    private static PageFlow.Block Chart(ChartData chart)
    {
        var (width, height) = FactSheetCharts.SizeOf(chart);
        return new PageFlow.Block(chart.Title, width, height, (canvas, x, y) => FactSheetCharts.Draw(canvas, chart, x, y));
    }
}
