using System.Text.RegularExpressions;
using McscMonitor.Users;

namespace McscMonitor.Tests;

public partial class YearNavigationTests
{
    /// <summary>The years a page's year picker offers, and the one it marks as shown.</summary>
    private static (IReadOnlyList<int> Years, int? Current) PickerOf(string html)
    {
        var nav = YearNav().Match(html);
        Assert.True(nav.Success, "the page has no year navigation");
        var links = YearLink().Matches(nav.Value);
        return (links.Select(link => int.Parse(link.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            links.Where(link => link.Groups["current"].Success).Select(link => (int?)int.Parse(link.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture)).SingleOrDefault());
    }

    [Fact]
    public async Task EveryStaffPageOffersTheSameYearsAndLandsOnTheYearUnderReview()
    {
        await using var host = await ApiHost.StartAsync();
        var monitor = await host.SignInAsync(Roles.Monitor);
        var thisYear = DateTime.UtcNow.Year;

        var pickers = new List<(IReadOnlyList<int> Years, int? Current)>();
        foreach (var page in new[] { "/?region=", "/approvals", "/publications", "/municipalities/peje" })
            pickers.Add(PickerOf((await monitor.GetAsync(page)).Html));

        var first = pickers[0].Years;
        Assert.All(pickers, picker => Assert.Equal(first, picker.Years));
        Assert.Equal(Enumerable.Range(first[0], thisYear - first[0] + 1), first);
        // The example records end in 2022, nothing is published: 2022 is under review, not the year in progress.
        Assert.All(pickers, picker => Assert.Equal(2022, picker.Current));

        await host.RunCliAsync("publish", "--year", "2022", "--unverified-reason", "The example data is not verified.");
        Assert.Equal(2021, PickerOf((await monitor.GetAsync("/approvals")).Html).Current);
    }

    [GeneratedRegex("<nav class=\"years\"[^>]*>.*?</nav>", RegexOptions.Singleline)]
    private static partial Regex YearNav();

    [GeneratedRegex("<a href=\"[^\"]*\"(?<current> aria-current=\"page\")?>(?<year>\\d{4})</a>")]
    private static partial Regex YearLink();
}
