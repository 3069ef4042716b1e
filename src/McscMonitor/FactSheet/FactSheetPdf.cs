using McscMonitor.Core.Domain;
using McscMonitor.Core.Rules;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace McscMonitor.FactSheet;

/// <summary>
/// Writes the fact sheet as a tagged A4 PDF (PDF/UA) through PDFsharp: headings, paragraphs and
/// tables in reading order, every chart and the map a figure with its description in the sheet's
/// language, the document's language and title declared. Text stays text and the DejaVu fonts are
/// embedded as subsets; charts stay vectors.
/// </summary>
public static class FactSheetPdf
{
    public static byte[] Render(FactSheetModel model)
    {
        using var document = new PdfDocument();
        var generated = model.GeneratedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        document.Info.Title = $"{model.Title} — {model.Subtitle}";
        // A published version's file says, on its own, how to cite and check it.
        document.Info.Subject = model.Citation ?? (model.Illustrative ? model.Texts["illustrative"] : model.SourceLine);
        document.Info.Keywords = model.Stamp is { } stamp
            ? $"MCSC, {model.Year}, v{stamp.Number}, SHA-256 {stamp.RecordsChecksum}"
            : $"MCSC, {model.Year}";
        document.Info.Author = model.PublisherName ?? "McscMonitor";
        document.Info.Creator = "McscMonitor";
        document.Info.CreationDate = generated;
        document.Info.ModificationDate = generated;
        using (var page = new PageFlow(document, model, [Map(model), .. model.Charts.Select(chart => Figure(model, chart))]))
        {
            WriteOpening(page, model);
            WriteIndicators(page, model);
            WriteInclusionAndGaps(page, model);
            WriteMethodology(page, model);
        }
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        var info = document.Info;
        return UniversalAccessibilityMetadata.Declare(stream.ToArray(),
            new(info.Title, info.Author, info.Subject, info.Keywords, info.Creator, info.Producer, model.Language.Tag(), generated));
    }

    private static void WriteOpening(PageFlow page, FactSheetModel model)
    {
        var texts = model.Texts;
        if (model.Publisher?.Logo is { } logo) page.Logo(logo.Image, model.PublisherName);
        // Which version this is, or that it is none: first, as on the web page.
        foreach (var line in model.PrintStampLines) page.Text(line, SheetStyle.Small, color: PageFlow.Grey, after: 1);
        if (model.Unpublished) page.Text(texts["unpublished"], SheetStyle.Small, color: PageFlow.Grey, after: 1);
        page.Text(model.Title, SheetStyle.Title, bold: true, color: PageFlow.Navy, tag: PdfBlockLevelElementTag.Heading1);
        page.Text(model.Subtitle, SheetStyle.Subtitle, color: PageFlow.Navy, after: model.PublisherName is null ? 10 : 2);
        if (model.PublisherName is { } publisher) page.Text(texts.Format("publishedBy", ("publisher", publisher)), SheetStyle.Body, color: PageFlow.Navy, after: 8);
        if (model.PublisherIntroduction is { } introduction) page.Text(introduction, SheetStyle.Body);
        page.Text(texts["intro"], SheetStyle.Body);
        page.Text(texts["purpose"], SheetStyle.Body);
        page.Text(model.Established, SheetStyle.Body, bold: true, after: 10);
        // The footnote on Kosovo Albanians as a non-majority community is marked where the sheet first speaks of those communities.
        page.KeyFigures(texts["keyFigures"], model.KeyFigures
            .Select(f => (Figure(texts, f.Value), f.Label == texts["figureDiscussing"] ? f.Label + " ¹" : f.Label)).ToList());

        page.Heading(texts.Format("mapTitle", ("year", model.Year)), level: PdfBlockLevelElementTag.Heading2);
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
        page.Place(page.FigureOf(ChartKind.Map.Id()), scale);
        foreach (var (text, size, after) in notes) page.Text(text, size, color: PageFlow.Grey, after: after);
    }

    private static void WriteIndicators(PageFlow page, FactSheetModel model)
    {
        var texts = model.Texts;
        page.NewPage();
        page.Text(texts.Format("section", ("year", model.Year)), SheetStyle.Section, bold: true, color: PageFlow.Navy, after: 6, tag: PdfBlockLevelElementTag.Heading2);
        // Charts in their numbered order. Chart 1 fills most of a page; the comparison and the rules
        // fill the rest of it, and charts 2 to 4 share the next page.
        Chart(page, model.MeetingsHeld);

        var comparison = model.Comparison;
        page.Heading(texts.Format("comparisonTitle", ("previous", model.Year - 1)), keepWith: PageFlow.TableHeight(comparison.Count));
        page.Table(
            [texts["indicator"], (model.Year - 1).ToString(texts.Culture), model.Year.ToString(texts.Culture), texts["change"]],
            comparison.Select(row => new[] { row.Indicator, Figure(texts, row.Previous), Figure(texts, row.Current), Change(texts, row.Change) }).ToList(),
            [0.64f, 0.12f, 0.12f, 0.12f]);
        page.Text(model.ComparisonNote, SheetStyle.Note, color: PageFlow.Grey, after: 4);
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
        page.SideBySide(page.FigureOf(model.WorkPlans.Id), page.FigureOf(model.Compensation.Id));
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
        // No meeting records is not "too few meetings": the meetings column says it cannot tell.
        IReadOnlySet<string> Unknown(GapRow row) =>
            row.RuleIds.Contains(RuleIds.NoMeetingRecords) ? new HashSet<string> { RuleIds.MeetingsPerYear } : new HashSet<string>();
        page.GapGrid(texts["gapsTitle"], texts["municipality"], rules.Select(rule => (rule.Id, rule.Label)).ToList(),
            model.GapMatrix.Select(row => (row.Municipality, (IReadOnlySet<string>)row.RuleIds.ToHashSet(), Unknown(row))).ToList());
        page.Text(string.Join(" · ", rules.Select(rule => $"{rule.Number} = {rule.Label}")) + $" · {PageFlow.UnknownMark} = {texts["noData"]}",
            SheetStyle.Note, color: PageFlow.Grey);
    }

    private static void WriteMethodology(PageFlow page, FactSheetModel model)
    {
        page.NewPage();
        page.Text(model.Texts["methodTitle"], SheetStyle.Section, bold: true, color: PageFlow.Navy, after: 8, tag: PdfBlockLevelElementTag.Heading2);
        foreach (var paragraph in model.Methodology) page.Text(paragraph, SheetStyle.Body, after: 6);
    }

    private static void Chart(PageFlow page, ChartData chart)
    {
        var figure = page.FigureOf(chart.Id);
        page.Heading(chart.Title, keepWith: figure.Height + 14);
        if (chart.Note is not null) page.Text(chart.Note, SheetStyle.Small, color: PageFlow.Grey, after: 2);
        page.Place(figure);
    }

    private static PageFlow.Figure Figure(FactSheetModel model, ChartData chart)
    {
        var (width, height) = FactSheetCharts.SizeOf(chart);
        return new PageFlow.Figure(chart.Id, chart.Title, model.Describe(chart), width, height, FactSheetCharts.Build(chart));
    }

    private static PageFlow.Figure Map(FactSheetModel model) => new(ChartKind.Map.Id(),
        model.Texts.Format("mapTitle", ("year", model.Year)), model.MapDescription, KosovoMap.Width, KosovoMap.Height, KosovoMap.Build(model));

    /// <summary>A counted figure, or "no data"; the page and the PDF write figures alike.</summary>
    public static string Figure(Core.Localization.TextCatalog texts, int? value) => value is { } counted ? texts.Number(counted) : texts["noData"];

    /// <summary>A change with its sign, or "no data" when either year is unknown.</summary>
    public static string Change(Core.Localization.TextCatalog texts, int? change) =>
        change is { } known ? known.ToString("+#,0;−#,0;0", texts.Culture) : texts["noData"];
}
