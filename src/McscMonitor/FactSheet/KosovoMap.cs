using System.Text.Json;
using McscMonitor.Core.Indicators;
using McscMonitor.ReferenceData;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using ScottPlot;
using SkiaSharp;
using Coordinates = ScottPlot.Coordinates;
using Polygon = NetTopologySuite.Geometries.Polygon;

namespace McscMonitor.FactSheet;

/// <summary>One class of the choropleth: its legend text, colour and the municipalities in it.</summary>
public sealed record MapClass(string Label, string Color, bool Hatched, IReadOnlyList<string> MunicipalityCodes);

/// <summary>
/// A choropleth of the 38 municipalities coloured by meetings held. Boundaries come from the
/// repository's GeoJSON (geoBoundaries, CC BY-SA 2.0), projected equirectangularly with the
/// longitude scaled by cos(latitude), which is true enough at Kosovo's size.
/// </summary>
public static class KosovoMap
{
    /// <summary>The map and, beside it rather than over it, its legend.</summary>
    public const int Width = 500;
    public const int Height = 330;

    /// <summary>The least the PDF shrinks the map to fit page 1; the legend is sized to stay legible there.</summary>
    public const float SmallestPrintScale = 0.74f;
    private const double CentralLatitude = 42.6;

    /// <summary>About half a point at print size (Kosovo is some 1.9° wide on a map 340 points wide): chosen by looking at the printed map.</summary>
    private const double SimplificationDegrees = 0.0026;

    // Declared before the shapes: static fields are initialised in the order they are written.
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    private static readonly IReadOnlyList<(string Code, Geometry Shape)> Shapes = LoadShapes();

    public static IReadOnlyList<MapClass> Classes(FactSheetModel model)
    {
        var minimum = Math.Max(1, model.Minimum);
        var half = Math.Max(1, minimum / 2);
        var texts = model.Texts;
        string[] Codes(Func<MunicipalityIndicators, bool> matches) =>
            model.Current.Municipalities.Where(matches).Select(m => m.Municipality.Code).ToArray();

        return
        [
            new(texts["noCouncil"], SheetStyle.NoCouncil, true, Codes(m => !m.CouncilEstablished)),
            new(texts["noData"], SheetStyle.NoDataFill, false, Codes(m => m.CouncilEstablished && m.MeetingsHeld is null)),
            new("0", SheetStyle.None, false, Codes(m => m.CouncilEstablished && m.MeetingsHeld == 0)),
            new($"1–{half}", SheetStyle.Few, false, Codes(m => m.CouncilEstablished && m.MeetingsHeld is > 0 && m.MeetingsHeld <= half)),
            new($"{half + 1}–{minimum - 1}", SheetStyle.Below, false, Codes(m => m.CouncilEstablished && m.MeetingsHeld > half && m.MeetingsHeld < minimum)),
            new($"≥ {minimum}", SheetStyle.Meets, false, Codes(m => m.CouncilEstablished && m.MeetingsHeld >= minimum)),
        ];
    }

    public static Plot Build(FactSheetModel model)
    {
        var plot = new Plot();
        plot.Font.Set(FactSheetCharts.FontName);
        var classOf = Classes(model).SelectMany(c => c.MunicipalityCodes.Select(code => (code, c))).ToDictionary(p => p.code, p => p.c);

        // Largest first, so enclaves such as Kllokot inside Viti are drawn on top.
        foreach (var (code, shape) in Shapes.OrderByDescending(s => s.Shape.Area))
        {
            var mapClass = classOf[code];
            foreach (var polygon in Polygons(shape))
            {
                var drawn = plot.Add.Polygon(Project(polygon.ExteriorRing.Coordinates));
                drawn.FillColor = Color.FromHex(mapClass.Color);
                drawn.LineColor = Colors.White;
                drawn.LineWidth = 0.8f;
                if (mapClass.Hatched)
                {
                    drawn.FillHatch = new ScottPlot.Hatches.Striped();
                    drawn.FillHatchColor = Color.FromHex(SheetStyle.Hatch);
                }
            }
        }

        plot.Legend.ManualItems.AddRange(Classes(model).Select(c => new LegendItem
        {
            LabelText = $"{c.Label} ({c.MunicipalityCodes.Count})",
            FillColor = Color.FromHex(c.Color),
            FillHatch = c.Hatched ? new ScottPlot.Hatches.Striped() : null,
            FillHatchColor = Color.FromHex(SheetStyle.Hatch),
            // An outline, so that the white of "no data" shows as a box.
            LineWidth = 0.6f,
            LineColor = Color.FromHex(SheetStyle.Outline),
        }));
        // Print size: drawn at the PDF's smallest scale, still 8 points on paper.
        plot.Legend.FontSize = SheetStyle.Small / SmallestPrintScale;
        plot.Legend.FontName = FactSheetCharts.FontName;
        plot.Legend.OutlineWidth = 0;
        plot.ShowLegend(Edge.Right);
        plot.Axes.Frameless();
        plot.HideGrid();
        plot.Axes.SquareUnits();
        Label(plot, model, classOf);
        return plot;
    }

    /// <summary>A municipality's name, in points on paper at the smallest print scale.</summary>
    private const float LabelPoints = 5.5f;
    private const float LabelSize = LabelPoints / SmallestPrintScale;

    /// <summary>
    /// Each municipality's name inside it, wherever it fits whole at a legible size (on one line,
    /// or on two when that fits better); small ones are left unnamed rather than overprinted, and the
    /// description and the data table name them all. The layout is measured on a first render, which
    /// fixes how many pixels a degree takes beside the legend.
    /// </summary>
    private static void Label(Plot plot, FactSheetModel model, Dictionary<string, MapClass> classOf)
    {
        plot.RenderInMemory(Width, Height);
        var pixelsPerUnit = plot.LastRender.DataRect.Width / plot.Axes.GetLimits().HorizontalSpan;
        var scale = Math.Cos(CentralLatitude * Math.PI / 180);
        using var typeface = SKTypeface.FromFile(FactSheetCharts.RegularFont);
        using var font = new SKFont(typeface, LabelSize);
        var names = model.Current.Municipalities.ToDictionary(m => m.Municipality.Code, model.Name);
        foreach (var (code, shape) in Shapes)
        {
            var placed = Layouts(names[code]).SelectMany(lines => Anchors(shape).Select(anchor => (lines, anchor))).FirstOrDefault(candidate =>
            {
                var (lines, anchor) = candidate;
                var halfWidth = lines.Max(line => font.MeasureText(line)) / pixelsPerUnit / scale / 2;
                var halfHeight = lines.Length * LabelSize * 1.15 / pixelsPerUnit / 2;
                var box = new Envelope(anchor.X - halfWidth, anchor.X + halfWidth, anchor.Y - halfHeight, anchor.Y + halfHeight);
                return shape.Contains(shape.Factory.ToGeometry(box));
            });
            if (placed.lines is null) continue;
            var label = plot.Add.Text(string.Join('\n', placed.lines), placed.anchor.X * scale, placed.anchor.Y);
            label.LabelFontSize = LabelSize;
            label.LabelFontName = FactSheetCharts.FontName;
            label.LabelAlignment = Alignment.MiddleCenter;
            label.LabelFontColor = Color.FromHex(ReadableOn(classOf[code].Color));
        }
    }

    /// <summary>Where a label may sit: the shape's interior point first, then points of a grid over it, nearest first.</summary>
    private static IEnumerable<Coordinate> Anchors(Geometry shape)
    {
        const int steps = 12;
        var centre = shape.InteriorPoint.Coordinate;
        var envelope = shape.EnvelopeInternal;
        var grid = from column in Enumerable.Range(1, steps - 1)
                   from row in Enumerable.Range(1, steps - 1)
                   select new Coordinate(envelope.MinX + envelope.Width * column / steps, envelope.MinY + envelope.Height * row / steps);
        return grid.OrderBy(point => point.Distance(centre)).Prepend(centre);
    }

    /// <summary>A name on one line, or on two: after the slash of a two-language name ("Deçan/Dečane"), or at a space.</summary>
    private static IEnumerable<string[]> Layouts(string name)
    {
        yield return [name];
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0) yield return [name[..(slash + 1)], name[(slash + 1)..]];
        else if (name.IndexOf(' ', name.Length / 3) is var space and > 0) yield return [name[..space], name[(space + 1)..]];
    }

    /// <summary>Ink or white, whichever stands out more from the fill (WCAG relative luminance).</summary>
    private static string ReadableOn(string fill)
    {
        static double Luminance(string hex)
        {
            static double Channel(int value) => value / 255.0 is var c && c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            var (red, green, blue) = SheetStyle.Rgb(hex);
            return 0.2126 * Channel(red) + 0.7152 * Channel(green) + 0.0722 * Channel(blue);
        }
        var background = Luminance(fill);
        var onInk = (background + 0.05) / (Luminance(SheetStyle.Ink) + 0.05);
        var onWhite = 1.05 / (background + 0.05);
        return onInk >= onWhite ? SheetStyle.Ink : "#ffffff";
    }

    public static string Svg(FactSheetModel model)
    {
        return PlotVectors.Svg(Build(model), Width, Height, model.MapDescription);
    }

    public static byte[] Png(FactSheetModel model)
    {
        var plot = Build(model);
        plot.ScaleFactor = 2;
        return plot.GetImageBytes(Width * 2, Height * 2, ImageFormat.Png);
    }


    public static IReadOnlyCollection<string> Codes => Shapes.Select(s => s.Code).ToList();

    private static IEnumerable<Polygon> Polygons(Geometry shape) => shape switch
    {
        Polygon polygon => [polygon],
        MultiPolygon multi => multi.Geometries.Cast<Polygon>(),
        _ => [],
    };

    private static Coordinates[] Project(Coordinate[] ring)
    {
        var scale = Math.Cos(CentralLatitude * Math.PI / 180);
        return ring.Select(point => new Coordinates(point.X * scale, point.Y)).ToArray();
    }

    private static List<(string Code, Geometry Shape)> LoadShapes()
    {
        using var stream = ReferenceCatalog.OpenResource("kosovo-municipalities.geojson");
        var features = JsonSerializer.Deserialize<FeatureCollection>(stream, GeoJson)
            ?? throw new InvalidOperationException("The municipal boundaries are empty.");
        // The boundaries are surveyed far finer than a map 340 points wide can show: simplified once, keeping
        // each municipality's shape and its holes, the map is a few dozen kilobytes instead of two megabytes.
        return features.Select(feature => ((string)feature.Attributes["code"],
            NetTopologySuite.Simplify.TopologyPreservingSimplifier.Simplify(feature.Geometry, SimplificationDegrees))).ToList();
    }
}
