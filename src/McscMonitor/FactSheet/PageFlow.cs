using SkiaSharp;

namespace McscMonitor.FactSheet;

/// <summary>
/// A top-to-bottom flow of text, tables and drawings over A4 pages, breaking to a new page
/// when the next piece does not fit. Sizes are in PDF points.
/// </summary>
internal sealed class PageFlow : IDisposable
{
    public const float PageWidth = 595.28f;
    public const float PageHeight = 841.89f;
    private const float Margin = 42;
    private const float FooterHeight = 22;
    private const float ContentWidth = PageWidth - 2 * Margin;

    public static readonly SKColor Navy = SKColor.Parse(SheetStyle.Navy);
    public static readonly SKColor Grey = SKColor.Parse(SheetStyle.Grey);
    private static readonly SKColor Ink = SKColor.Parse(SheetStyle.Ink);
    private static readonly SKColor Rule = SKColor.Parse(SheetStyle.Rule);
    private static readonly SKColor Warning = SKColor.Parse(SheetStyle.Warning);

    public sealed record Block(string Title, int Width, int Height, Action<SKCanvas, float, float> Draw);

    private readonly SKDocument _document;
    private readonly FactSheetModel _model;
    private readonly SKTypeface _regular = SKTypeface.FromFile(FactSheetCharts.RegularFont);
    private readonly SKTypeface _bold = SKTypeface.FromFile(FactSheetCharts.BoldFont);
    private SKCanvas _canvas = null!;
    private int _pageNumber;
    private float _y;

    public PageFlow(SKDocument document, FactSheetModel model)
    {
        _document = document;
        _model = model;
        NewPage();
    }

    private const float Bottom = PageHeight - Margin - FooterHeight;

    public void NewPage()
    {
        if (_pageNumber > 0) _document.EndPage();
        _canvas = _document.BeginPage(PageWidth, PageHeight);
        _pageNumber++;
        _y = Margin;
        DrawFooter();
        if (_model.Illustrative) DrawIllustrativeBanner();
    }

    public void KeepTogether(float height)
    {
        if (_y + height > Bottom) NewPage();
    }

    public void Space(float height) => _y += height;

    /// <summary>A section heading, moved to the next page with what follows when that would not fit.</summary>
    public void Heading(string text, float keepWith = 30)
    {
        KeepTogether(keepWith + 24);
        Space(4);
        Text(text, SheetStyle.Heading, bold: true, color: Navy, after: 3);
    }

    /// <summary>How much of this page is left to fill.</summary>
    public float Remaining => Bottom - _y;

    /// <summary>How tall <see cref="Text"/> would write this.</summary>
    public float TextHeight(string text, float size, bool bold = false, float after = 5)
    {
        using var font = Font(size, bold);
        return Wrap(text, font, ContentWidth).Count * size * 1.35f + after;
    }

    /// <summary>Wrapped text across the content width.</summary>
    public void Text(string text, float size, bool bold = false, SKColor? color = null, float after = 5)
    {
        using var font = Font(size, bold);
        using var paint = Paint(color ?? Ink);
        var lineHeight = size * 1.35f;
        foreach (var line in Wrap(text, font, ContentWidth))
        {
            KeepTogether(lineHeight);
            _canvas.DrawText(line, Margin, _y + size, font, paint);
            _y += lineHeight;
        }
        _y += after;
    }

    /// <summary>Big numbers with their captions, three to a row.</summary>
    public void KeyFigures(string title, IReadOnlyList<(string Value, string Caption)> figures)
    {
        Heading(title);
        const int perRow = 3;
        const float gap = 8, height = 50;
        var width = (ContentWidth - gap * (perRow - 1)) / perRow;
        using var valueFont = Font(17, bold: true);
        using var captionFont = Font(8);
        using var valuePaint = Paint(Navy);
        using var captionPaint = Paint(Ink);
        using var boxPaint = new SKPaint { Color = SKColor.Parse(SheetStyle.Panel), Style = SKPaintStyle.Fill };
        for (var row = 0; row * perRow < figures.Count; row++)
        {
            KeepTogether(height + gap);
            for (var column = 0; column < perRow && row * perRow + column < figures.Count; column++)
            {
                var (value, caption) = figures[row * perRow + column];
                var x = Margin + column * (width + gap);
                _canvas.DrawRect(x, _y, width, height, boxPaint);
                _canvas.DrawText(value, x + 8, _y + 21, valueFont, valuePaint);
                var lineY = _y + 33;
                foreach (var line in Wrap(caption, captionFont, width - 16).Take(2))
                {
                    _canvas.DrawText(line, x + 8, lineY, captionFont, captionPaint);
                    lineY += 9.5f;
                }
            }
            _y += height + gap;
        }
        _y += 4;
    }

    /// <summary>A drawing of the given size, shrunk to the content width if wider, left-aligned.</summary>
    public void Place(float width, float height, Action<SKCanvas, float, float> draw, float scale = 1)
    {
        scale = Math.Min(scale, ContentWidth / width);
        KeepTogether(height * scale);
        _canvas.Save();
        _canvas.Translate(Margin, _y);
        _canvas.Scale(scale);
        draw(_canvas, 0, 0);
        _canvas.Restore();
        _y += height * scale + 6;
    }

    /// <summary>Two titled drawings next to each other, each in half the content width.</summary>
    public void SideBySide(Block left, Block right)
    {
        const float gap = 12;
        var half = (ContentWidth - gap) / 2;
        using var font = Font(9, bold: true);
        using var paint = Paint(Navy);
        var titleLines = Math.Max(Wrap(left.Title, font, half).Count, Wrap(right.Title, font, half).Count);
        var scale = Math.Min(1, half / Math.Max(left.Width, right.Width));
        // Room between a title and its chart, so the chart's top tick label never meets the title's last line.
        const float titleGap = 8;
        var height = titleLines * 12 + titleGap + Math.Max(left.Height, right.Height) * scale;
        KeepTogether(height + 10);
        Space(4);
        foreach (var (block, x) in new[] { (left, Margin), (right, Margin + half + gap) })
        {
            var lineY = _y;
            foreach (var line in Wrap(block.Title, font, half))
            {
                _canvas.DrawText(line, x, lineY + 9, font, paint);
                lineY += 12;
            }
            _canvas.Save();
            _canvas.Translate(x, _y + titleLines * 12 + titleGap);
            _canvas.Scale(scale);
            block.Draw(_canvas, 0, 0);
            _canvas.Restore();
        }
        _y += height + 10;
    }

    public static float TableHeight(int rows) => 14 * (rows + 1) + 6;

    public void Table(IReadOnlyList<string> headers, IReadOnlyList<string[]> rows, IReadOnlyList<float> widths)
    {
        const float size = 8.5f, rowHeight = 14; // keep in step with TableHeight
        using var headerFont = Font(size, bold: true);
        using var font = Font(size);
        using var paint = Paint(Ink);
        using var rulePaint = new SKPaint { Color = Rule, StrokeWidth = 0.6f, Style = SKPaintStyle.Stroke };
        KeepTogether(rowHeight * (rows.Count + 1));
        void Row(IReadOnlyList<string> cells, SKFont rowFont)
        {
            var x = Margin;
            for (var column = 0; column < cells.Count; column++)
            {
                var width = widths[column] * ContentWidth;
                var text = Fit(cells[column], rowFont, width - 6);
                var textX = column == 0 ? x : x + width - rowFont.MeasureText(text) - 4;
                _canvas.DrawText(text, textX, _y + 10, rowFont, paint);
                x += width;
            }
            _y += rowHeight;
            _canvas.DrawLine(Margin, _y - 2, Margin + ContentWidth, _y - 2, rulePaint);
        }
        Row(headers, headerFont);
        foreach (var row in rows) Row(row, font);
        _y += 6;
    }

    /// <summary>
    /// A grid of names against numbered rules, with a mark where a rule is broken, in two
    /// halves side by side: compact, and the same height whatever the language.
    /// </summary>
    public void GapGrid(string title, IReadOnlyList<string> ruleIds, IReadOnlyList<(string Name, IReadOnlySet<string> Broken)> rows)
    {
        const float size = 7.5f, rowHeight = 9.5f, gap = 16, markWidth = 17;
        var halfWidth = (ContentWidth - gap) / 2;
        var nameWidth = halfWidth - markWidth * ruleIds.Count;
        var perHalf = (rows.Count + 1) / 2;
        Heading(title, keepWith: (perHalf + 1) * rowHeight);
        using var font = Font(size);
        using var headerFont = Font(size, bold: true);
        using var paint = Paint(Ink);
        using var markPaint = Paint(Warning);
        using var stripe = new SKPaint { Color = SKColor.Parse(SheetStyle.Stripe), Style = SKPaintStyle.Fill };
        var top = _y;
        for (var half = 0; half < 2; half++)
        {
            var x = Margin + half * (halfWidth + gap);
            var y = top;
            for (var rule = 0; rule < ruleIds.Count; rule++)
            {
                var number = (rule + 1).ToString(_model.Texts.Culture);
                _canvas.DrawText(number, x + nameWidth + rule * markWidth + (markWidth - headerFont.MeasureText(number)) / 2, y + size, headerFont, paint);
            }
            y += rowHeight + 1;
            foreach (var (row, index) in rows.Skip(half * perHalf).Take(perHalf).Select((row, index) => (row, index)))
            {
                if (index % 2 == 0) _canvas.DrawRect(x, y - 1.5f, halfWidth, rowHeight, stripe);
                _canvas.DrawText(Fit(row.Name, font, nameWidth - 4), x + 2, y + size - 1, font, paint);
                for (var rule = 0; rule < ruleIds.Count; rule++)
                {
                    if (!row.Broken.Contains(ruleIds[rule])) continue;
                    _canvas.DrawText("●", x + nameWidth + rule * markWidth + (markWidth - font.MeasureText("●")) / 2, y + size - 1, font, markPaint);
                }
                y += rowHeight;
            }
        }
        _y = top + (perHalf + 1) * rowHeight + 6;
    }

    private void DrawFooter()
    {
        using var font = Font(7);
        using var paint = Paint(Grey);
        var left = $"{_model.Title} — {_model.Subtitle}";
        _canvas.DrawText(left, Margin, PageHeight - Margin + 4, font, paint);
        var number = _pageNumber.ToString(_model.Texts.Culture);
        _canvas.DrawText(number, PageWidth - Margin - font.MeasureText(number), PageHeight - Margin + 4, font, paint);
    }

    private void DrawIllustrativeBanner()
    {
        using var font = Font(8, bold: true);
        using var paint = Paint(Warning);
        var text = _model.Texts["illustrative"].ToUpper(_model.Texts.Culture);
        _canvas.DrawText(text, PageWidth - Margin - font.MeasureText(text), Margin - 14, font, paint);
    }

    /// <summary>Unhinted, with linear metrics: glyphs sit where the font says, so extracted and copied text keeps its words whole.</summary>
    private SKFont Font(float size, bool bold = false) =>
        new(bold ? _bold : _regular, size) { Subpixel = true, Hinting = SKFontHinting.None, LinearMetrics = true };

    private static SKPaint Paint(SKColor color) => new() { Color = color, IsAntialias = true };

    private static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (line.Length > 0 && font.MeasureText(candidate) > width)
            {
                lines.Add(line);
                line = word;
            }
            else line = candidate;
        }
        if (line.Length > 0) lines.Add(line);
        return lines;
    }

    private static string Fit(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width) return text;
        while (text.Length > 1 && font.MeasureText(text + "…") > width) text = text[..^1];
        return text + "…";
    }

    public void Dispose()
    {
        _document.EndPage();
        _document.Close();
        _regular.Dispose();
        _bold.Dispose();
    }
}
