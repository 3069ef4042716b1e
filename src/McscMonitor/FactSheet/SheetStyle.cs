using System.Globalization;

namespace McscMonitor.FactSheet;

/// <summary>
/// The fact sheet's one palette and one type scale. The PDF, the charts, the map and the web
/// page (through CSS variables written from here) all take their colours and sizes from it.
/// </summary>
public static class SheetStyle
{
    public const string Navy = "#12355b";
    public const string Ink = "#1f2933";
    public const string Grey = "#5b6570";
    public const string Rule = "#d9dee5";
    public const string Panel = "#f1f4f8";
    public const string Stripe = "#f4f6f9";
    public const string Grid = "#e3e7ec";
    public const string Warning = "#9a3412";
    public const string WarningPanel = "#fff4e5";
    public const string WarningBorder = "#f0b37e";

    /// <summary>What meets the rule, what falls short of it, the rule's own line, and no data: the same in every chart and on the map.</summary>
    public const string Meets = "#1b7f5a";
    public const string Below = "#d9822b";
    public const string Reference = "#b42318";
    public const string NoData = "#b8c0cc";
    public const string Partial = "#e0a526";
    public static readonly IReadOnlyList<string> Series = ["#4a6fa5", Partial, "#2e7d6b"];

    /// <summary>The map's classes, light to dark on the way to the required minimum.</summary>
    public const string NoCouncil = "#d5d9df";
    public const string NoDataFill = "#e9edf2";
    public const string None = "#fdf0e6";
    public const string Few = "#f6c89f";
    public const string Hatch = "#aab1ba";
    public const string Outline = "#8a94a0";

    /// <summary>The type scale, in points as printed; the web page keeps the same proportions around its body text.</summary>
    public const float Title = 20;
    public const float Section = 14;
    public const float Subtitle = 13;
    public const float Heading = 10.5f;
    public const float Body = 9.5f;
    public const float Chart = 9;
    public const float Small = 8;
    public const float Note = 7.5f;

    /// <summary>A colour of the palette ("#12355b") as its red, green and blue.</summary>
    public static (int Red, int Green, int Blue) Rgb(string hex)
    {
        var rgb = Convert.ToInt32(hex.TrimStart('#'), 16);
        return ((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }

    /// <summary>The palette and the scale as CSS custom properties, for the web page.</summary>
    public static string CssVariables()
    {
        string Rem(float points) => (points / Body).ToString("0.###", CultureInfo.InvariantCulture) + "rem";
        return $":root {{ --navy: {Navy}; --ink: {Ink}; --grey: {Grey}; --rule: {Rule}; --panel: {Panel}; " +
               $"--warning: {Warning}; --warning-panel: {WarningPanel}; --warning-border: {WarningBorder}; " +
               $"--meets: {Meets}; --below: {Below}; --series-1: {Series[0]}; --series-2: {Series[1]}; " +
               $"--size-title: {Rem(Title)}; --size-section: {Rem(Section)}; --size-subtitle: {Rem(Subtitle)}; " +
               $"--size-heading: {Rem(Heading)}; --size-small: {Rem(Small)}; --size-note: {Rem(Note)}; }}";
    }
}
