using McscMonitor.Core.Domain;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace McscMonitor.FactSheet;

/// <summary>
/// A top-to-bottom flow of text, tables and figures over tagged A4 pages, breaking to a new
/// page when the next piece does not fit. Sizes are in PDF points. Everything drawn is either
/// part of the structure tree (headings, paragraphs, tables, figures with their descriptions)
/// or marked as an artifact (page furniture, rules, shading), as PDF/UA asks.
/// </summary>
internal sealed class PageFlow : IDisposable
{
    public const float PageWidth = 595.28f;
    public const float PageHeight = 841.89f;
    private const float Margin = 42;
    private const float FooterHeight = 22;
    private const float ContentWidth = PageWidth - 2 * Margin;
    private const float Bottom = PageHeight - Margin - FooterHeight;

    public static readonly XColor Navy = Color(SheetStyle.Navy);
    public static readonly XColor Grey = Color(SheetStyle.Grey);
    private static readonly XColor Ink = Color(SheetStyle.Ink);
    private static readonly XColor Rule = Color(SheetStyle.Rule);
    private static readonly XColor Warning = Color(SheetStyle.Warning);

    /// <summary>A drawing placed as one tagged figure: its title, its description in words, its size and its plot.</summary>
    public sealed record Figure(string Id, string Title, string Description, int Width, int Height, ScottPlot.Plot Plot);

    private readonly PdfDocument _document;
    private readonly FactSheetModel _model;
    private readonly StructureBuilder _structure;
    private readonly List<Figure> _figures;
    private readonly XPdfForm _drawings;
    private XGraphics _graphics = null!;
    private int _pageNumber;
    private float _y;

    /// <param name="figures">Every figure the flow will place, drawn up front into one vector document.</param>
    public PageFlow(PdfDocument document, FactSheetModel model, IReadOnlyList<Figure> figures)
    {
        _document = document;
        _model = model;
        _figures = [.. figures];
        _drawings = XPdfForm.FromStream(new MemoryStream(PlotVectors.Pdf(figures.Select(figure => (figure.Plot, figure.Width, figure.Height)))));
        var accessibility = UAManager.ForDocument(document);
        accessibility.SetDocumentLanguage(model.Language.Tag());
        _structure = accessibility.StructureBuilder;
        NewPage();
    }

    public void NewPage()
    {
        var page = _document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        _graphics?.Dispose();
        _graphics = XGraphics.FromPdfPage(page);
        _pageNumber++;
        _y = Margin;
        Artifact(() =>
        {
            DrawFooter();
            if (_model.Illustrative && _pageNumber > 1) DrawIllustrativeBanner();
        });
        // On the first page the banner is part of what the sheet says; on the others it is furniture.
        if (_model.Illustrative && _pageNumber == 1) Tagged(PdfBlockLevelElementTag.Paragraph, DrawIllustrativeBanner);
    }

    public void KeepTogether(float height)
    {
        if (_y + height > Bottom) NewPage();
    }

    public void Space(float height) => _y += height;

    /// <summary>A heading, moved to the next page with what follows when that would not fit.</summary>
    public void Heading(string text, float keepWith = 30, PdfBlockLevelElementTag level = PdfBlockLevelElementTag.Heading3)
    {
        KeepTogether(keepWith + 24);
        Space(4);
        Text(text, SheetStyle.Heading, bold: true, color: Navy, after: 3, tag: level);
    }

    /// <summary>How much of this page is left to fill.</summary>
    public float Remaining => Bottom - _y;

    /// <summary>How tall <see cref="Text"/> would write this.</summary>
    public float TextHeight(string text, float size, bool bold = false, float after = 5) =>
        Wrap(text, Font(size, bold), ContentWidth).Count * size * 1.35f + after;

    /// <summary>Wrapped text across the content width, as one paragraph or heading of the structure.</summary>
    public void Text(string text, float size, bool bold = false, XColor? color = null, float after = 5,
        PdfBlockLevelElementTag tag = PdfBlockLevelElementTag.Paragraph)
    {
        var font = Font(size, bold);
        var brush = new XSolidBrush(color ?? Ink);
        var lineHeight = size * 1.35f;
        var lines = Wrap(text, font, ContentWidth);
        KeepTogether(lineHeight);
        _structure.BeginElement(tag);
        foreach (var line in Spaced(lines))
        {
            KeepTogether(lineHeight);
            _graphics.DrawString(line, font, brush, Margin, _y + size);
            _y += lineHeight;
        }
        _structure.End();
        _y += after;
    }

    /// <summary>Big numbers with their captions, three to a row, each box as tall as its row's longest caption; each figure reads as one paragraph.</summary>
    public void KeyFigures(string title, IReadOnlyList<(string Value, string Caption)> figures)
    {
        Heading(title, level: PdfBlockLevelElementTag.Heading2);
        const int perRow = 3;
        const float gap = 8, captionLine = 9.5f;
        var width = (ContentWidth - gap * (perRow - 1)) / perRow;
        var valueFont = Font(17, bold: true);
        var captionFont = Font(8);
        var valueBrush = new XSolidBrush(Navy);
        var captionBrush = new XSolidBrush(Ink);
        var boxBrush = new XSolidBrush(Color(SheetStyle.Panel));
        for (var row = 0; row * perRow < figures.Count; row++)
        {
            var lines = figures.Skip(row * perRow).Take(perRow).Max(figure => Wrap(figure.Caption, captionFont, width - 16).Count);
            var height = 33 + Math.Max(2, lines) * captionLine - 2;
            KeepTogether(height + gap);
            for (var column = 0; column < perRow && row * perRow + column < figures.Count; column++)
            {
                var (value, caption) = figures[row * perRow + column];
                var x = Margin + column * (width + gap);
                Artifact(() => _graphics.DrawRectangle(boxBrush, x, _y, width, height));
                Tagged(PdfBlockLevelElementTag.Paragraph, () =>
                {
                    _graphics.DrawString(value + " ", valueFont, valueBrush, x + 8, _y + 21);
                    var lineY = _y + 33;
                    foreach (var line in Spaced(Wrap(caption, captionFont, width - 16)))
                    {
                        _graphics.DrawString(line, captionFont, captionBrush, x + 8, lineY);
                        lineY += captionLine;
                    }
                });
            }
            _y += height + gap;
        }
        _y += 4;
    }

    /// <summary>
    /// The publisher's logo in the top margin, left-aligned, at most 28 points tall and a third
    /// of the width wide, so that it takes nothing from page 1's room: a figure named by its
    /// description, or furniture without one.
    /// </summary>
    public void Logo(byte[] image, string? description)
    {
        const float height = 28;
        using var logo = XImage.FromStream(new MemoryStream(image));
        var scale = Math.Min(height / logo.PointHeight, ContentWidth / 3 / logo.PointWidth);
        var box = new XRect(Margin, Margin - height - 8, logo.PointWidth * scale, logo.PointHeight * scale);
        if (description is null) Artifact(() => _graphics.DrawImage(logo, box));
        else
        {
            _structure.BeginElement(PdfIllustrationElementTag.Figure, description, box);
            _graphics.DrawImage(logo, box);
            _structure.End();
        }
    }

    /// <summary>One of the figures the flow was given.</summary>
    public Figure FigureOf(string id) => _figures.Single(figure => figure.Id == id);

    /// <summary>A figure at its size, shrunk to the content width if wider, left-aligned.</summary>
    public void Place(Figure figure, float scale = 1)
    {
        scale = Math.Min(scale, ContentWidth / figure.Width);
        var height = figure.Height * scale;
        KeepTogether(height);
        DrawFigure(figure, Margin, _y, figure.Width * scale, height);
        _y += height + 6;
    }

    /// <summary>Two titled figures next to each other, each in half the content width.</summary>
    public void SideBySide(Figure left, Figure right)
    {
        const float gap = 12;
        var half = (ContentWidth - gap) / 2;
        var font = Font(9, bold: true);
        var brush = new XSolidBrush(Navy);
        var titleLines = Math.Max(Wrap(left.Title, font, half).Count, Wrap(right.Title, font, half).Count);
        var scale = Math.Min(1, half / Math.Max(left.Width, right.Width));
        // Room between a title and its chart, so the chart's top tick label never meets the title's last line.
        const float titleGap = 8;
        var height = titleLines * 12 + titleGap + Math.Max(left.Height, right.Height) * scale;
        KeepTogether(height + 10);
        Space(4);
        foreach (var (figure, x) in new[] { (left, Margin), (right, Margin + half + gap) })
        {
            Tagged(PdfBlockLevelElementTag.Heading3, () =>
            {
                var lineY = _y;
                foreach (var line in Spaced(Wrap(figure.Title, font, half)))
                {
                    _graphics.DrawString(line, font, brush, x, lineY + 9);
                    lineY += 12;
                }
            });
            DrawFigure(figure, x, _y + titleLines * 12 + titleGap, figure.Width * scale, figure.Height * scale);
        }
        _y += height + 10;
    }

    /// <summary>The gap grid's marks: a rule broken, and a rule that cannot be judged for want of records.</summary>
    public const string BrokenMark = "●";
    public const string UnknownMark = "○";

    public static float TableHeight(int rows) => 14 * (rows + 1) + 6;

    /// <summary>A table with a header row; the first column names the row, the others are figures, right-aligned.</summary>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<string[]> rows, IReadOnlyList<float> widths)
    {
        const float size = 8.5f, rowHeight = 14; // keep in step with TableHeight
        var headerFont = Font(size, bold: true);
        var font = Font(size);
        var brush = new XSolidBrush(Ink);
        var rulePen = new XPen(Rule, 0.6);
        KeepTogether(rowHeight * (rows.Count + 1));
        void Row(IReadOnlyList<string> cells, bool header)
        {
            var rowFont = header ? headerFont : font;
            Tagged(PdfBlockLevelElementTag.TableRow, () =>
            {
                var x = Margin;
                for (var column = 0; column < cells.Count; column++)
                {
                    var width = widths[column] * ContentWidth;
                    var text = Fit(cells[column], rowFont, width - 6);
                    var textX = column == 0 ? x : x + width - Measure(text, rowFont) - 4;
                    Cell(header || column == 0, header ? "/Column" : "/Row", () => _graphics.DrawString(text, rowFont, brush, textX, _y + 10));
                    x += width;
                }
            });
            _y += rowHeight;
            Artifact(() => _graphics.DrawLine(rulePen, Margin, _y - 2, Margin + ContentWidth, _y - 2));
        }
        Tagged(PdfBlockLevelElementTag.Table, () =>
        {
            Row(headers, header: true);
            foreach (var row in rows) Row(row, header: false);
        });
        _y += 6;
    }

    /// <summary>
    /// A grid of names against numbered rules, with a mark where a rule is broken and a hollow
    /// mark where it cannot be told, in two halves side by side: compact, and the same height
    /// whatever the language. Each half is a table whose header cells read as the rules' names
    /// and whose marks read as "yes" or "no data".
    /// </summary>
    public void GapGrid(string title, string nameHeader, IReadOnlyList<(string Id, string Label)> rules,
        IReadOnlyList<(string Name, IReadOnlySet<string> Broken, IReadOnlySet<string> Unknown)> rows)
    {
        const float size = 7.5f, rowHeight = 9.5f, gap = 16, markWidth = 17;
        var halfWidth = (ContentWidth - gap) / 2;
        var nameWidth = halfWidth - markWidth * rules.Count;
        var perHalf = (rows.Count + 1) / 2;
        Heading(title, keepWith: (perHalf + 1) * rowHeight);
        var font = Font(size);
        var headerFont = Font(size, bold: true);
        var brush = new XSolidBrush(Ink);
        var markBrush = new XSolidBrush(Warning);
        var stripe = new XSolidBrush(Color(SheetStyle.Stripe));
        var yes = _model.Texts["yes"];
        var noData = _model.Texts["noData"];
        var top = _y;
        for (var half = 0; half < 2; half++)
        {
            var x = Margin + half * (halfWidth + gap);
            var y = top;
            _structure.BeginElement(PdfBlockLevelElementTag.Table);
            Tagged(PdfBlockLevelElementTag.TableRow, () =>
            {
                Cell(header: true, "/Column", () => _graphics.DrawString(Fit(nameHeader, headerFont, nameWidth - 4), headerFont, brush, x + 2, y + size));
                for (var rule = 0; rule < rules.Count; rule++)
                {
                    var number = (rule + 1).ToString(_model.Texts.Culture);
                    var numberX = x + nameWidth + rule * markWidth + (markWidth - Measure(number, headerFont)) / 2;
                    Cell(header: true, "/Column", () => _graphics.DrawString(number, headerFont, brush, numberX, y + size),
                        actualText: $"{number}. {rules[rule].Label}");
                }
            });
            y += rowHeight + 1;
            foreach (var (row, index) in rows.Skip(half * perHalf).Take(perHalf).Select((row, index) => (row, index)))
            {
                if (index % 2 == 0) Artifact(() => _graphics.DrawRectangle(stripe, x, y - 1.5f, halfWidth, rowHeight));
                Tagged(PdfBlockLevelElementTag.TableRow, () =>
                {
                    Cell(header: true, "/Row", () => _graphics.DrawString(Fit(row.Name, font, nameWidth - 4), font, brush, x + 2, y + size - 1));
                    for (var rule = 0; rule < rules.Count; rule++)
                    {
                        var (mark, reads) = row.Broken.Contains(rules[rule].Id) ? (BrokenMark, yes)
                            : row.Unknown.Contains(rules[rule].Id) ? (UnknownMark, noData) : (null, null);
                        if (mark is null)
                        {
                            Cell(header: false, null, () => { });
                            continue;
                        }
                        var markX = x + nameWidth + rule * markWidth + (markWidth - Measure(mark, font)) / 2;
                        Cell(header: false, null, () => _graphics.DrawString(mark, font, markBrush, markX, y + size - 1), actualText: reads);
                    }
                });
                y += rowHeight;
            }
            _structure.End();
        }
        _y = top + (perHalf + 1) * rowHeight + 6;
    }

    private void Cell(bool header, string? scope, Action draw, string? actualText = null)
    {
        _structure.BeginElement(header ? PdfBlockLevelElementTag.TableHeaderCell : PdfBlockLevelElementTag.TableDataCell);
        var cell = _structure.CurrentStructureElement;
        if (header && scope is not null) cell.TableAttributes.Elements.SetName("/Scope", scope);
        if (actualText is not null) cell.Elements.SetString("/ActualText", actualText);
        draw();
        _structure.End();
    }

    private void DrawFigure(Figure figure, float x, float y, float width, float height)
    {
        _drawings.PageNumber = _figures.FindIndex(drawn => drawn.Id == figure.Id) + 1;
        var box = new XRect(x, y, width, height);
        _structure.BeginElement(PdfIllustrationElementTag.Figure, figure.Description, box);
        _graphics.DrawImage(_drawings, box);
        _structure.End();
    }

    private void DrawFooter()
    {
        var font = Font(7);
        var brush = new XSolidBrush(Grey);
        _graphics.DrawString($"{_model.Title} — {_model.Subtitle}", font, brush, Margin, PageHeight - Margin + 4);
        var number = _pageNumber.ToString(_model.Texts.Culture);
        _graphics.DrawString(number, font, brush, PageWidth - Margin - Measure(number, font), PageHeight - Margin + 4);
    }

    private void DrawIllustrativeBanner()
    {
        var font = Font(8, bold: true);
        var text = _model.Texts["illustrative"].ToUpper(_model.Texts.Culture);
        _graphics.DrawString(text, font, new XSolidBrush(Warning), PageWidth - Margin - Measure(text, font), Margin - 14);
    }

    private void Tagged(PdfBlockLevelElementTag tag, Action draw)
    {
        _structure.BeginElement(tag);
        draw();
        _structure.End();
    }

    private void Artifact(Action draw)
    {
        _structure.BeginArtifact();
        draw();
        _structure.End();
    }

    private static XFont Font(float size, bool bold = false) => SheetFonts.Font(size, bold);

    private double Measure(string text, XFont font) => _graphics.MeasureString(text, font).Width;

    private static XColor Color(string hex)
    {
        var (red, green, blue) = SheetStyle.Rgb(hex);
        return XColor.FromArgb(red, green, blue);
    }

    private List<string> Wrap(string text, XFont font, float width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (line.Length > 0 && Measure(candidate, font) > width)
            {
                lines.Add(line);
                line = word;
            }
            else line = candidate;
        }
        if (line.Length > 0) lines.Add(line);
        return lines;
    }

    /// <summary>Each line but the last keeps the space it was broken at, so software that reads the text aloud or copies it gets whole words.</summary>
    private static IEnumerable<string> Spaced(List<string> lines) =>
        lines.Select((line, index) => index < lines.Count - 1 ? line + " " : line);

    private string Fit(string text, XFont font, float width)
    {
        if (Measure(text, font) <= width) return text;
        while (text.Length > 1 && Measure(text + "…", font) > width) text = text[..^1];
        return text + "…";
    }

    public void Dispose()
    {
        _graphics.Dispose();
        _drawings.Dispose();
    }
}
