using McscMonitor.Core.Domain;

namespace McscMonitor.Municipalities;

/// <summary>What the municipality page confirms after a change made on another page: <c>?changed={code}</c>.</summary>
public enum PageNotice { Saved, Deleted, RecommendationSaved, Erased, Majority }

public static class PageNotices
{
    /// <summary>The municipality page, at a year if one is given, confirming the notice.</summary>
    public static string PageOf(string municipality, int? year, PageNotice notice) =>
        $"/municipalities/{Uri.EscapeDataString(municipality)}?{(year is { } known ? $"year={known.ToString(System.Globalization.CultureInfo.InvariantCulture)}&" : "")}changed={Codes.ToCode(notice)}";
}
