using System.Net;
using System.Net.Http.Json;
using McscMonitor.Users;

namespace McscMonitor.Tests;

public class FollowUpTests
{
    private static object Recommendation(string rule, int year = 2021, string status = "open", string dueOn = "2022-06-30", string institution = "municipality") => new
    {
        municipality = "gjilan", year, rule, status, dueOn, institution,
        textSq = "Të miratohet plani i punës.", textSrLatn = "Da se usvoji plan rada.", textEn = "Adopt a work plan.",
    };

    private static async Task<ApiHost> PublishedAsync(DateTimeOffset? today = null)
    {
        var host = await ApiHost.StartAsync(configure: today is { } now ? builder => builder.Services.AddSingleton<TimeProvider>(new FixedClock(now)) : null);
        Assert.Equal(0, (await host.RunCliAsync("publish", "--year", "2021", "--unverified-reason", "The example data is not verified.")).ExitCode);
        return host;
    }

    [Fact]
    public async Task AddingARecommendationIsOfferedOnlyOnAPublishedYearAndToThoseWhoMayAddOne()
    {
        await using var host = await PublishedAsync();
        var monitor = await host.SignInAsync(Roles.Monitor);
        var officer = await host.SignInAsync(Roles.MunicipalOfficer);

        var (_, published) = await monitor.GetAsync("/municipalities/peje?year=2021");
        var (_, unpublished) = await monitor.GetAsync("/municipalities/peje?year=2022");
        var (_, officerPage) = await officer.GetAsync("/municipalities/peje?year=2021");

        Assert.Contains("Add a recommendation", published);
        Assert.DoesNotContain("Add a recommendation", unpublished);
        Assert.DoesNotContain("Add a recommendation", officerPage);
    }

    [Fact]
    public async Task ARecommendationAnswersAGapThatThePublishedSheetNamed()
    {
        await using var host = await PublishedAsync();
        var monitor = host.ClientFor(Roles.Monitor);

        var accepted = await monitor.PostAsJsonAsync("/api/v1/recommendations", Recommendation("work-plan-non-majority"));
        var noSuchGap = await monitor.PostAsJsonAsync("/api/v1/recommendations", Recommendation("women-among-members"));
        var unpublished = await monitor.PostAsJsonAsync("/api/v1/recommendations", Recommendation("work-plan-non-majority", year: 2022));

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noSuchGap.StatusCode);
        var refusal = System.Text.Json.Nodes.JsonNode.Parse(await noSuchGap.Content.ReadAsStringAsync())!["errors"]!["rule"]![0]!.GetValue<string>();
        Assert.Contains("names no gap “No women members”", refusal);
        Assert.DoesNotContain("women-among-members", refusal);
        Assert.Equal(HttpStatusCode.BadRequest, unpublished.StatusCode);
        Assert.Contains("is not published", await unpublished.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheFollowUpPageListsOpenRecommendationsAndFindsTheOverdueOnes()
    {
        await using var host = await PublishedAsync(new DateTimeOffset(2022, 9, 1, 8, 0, 0, TimeSpan.Zero));
        var monitor = host.ClientFor(Roles.Monitor);
        await monitor.PostAsJsonAsync("/api/v1/recommendations", Recommendation("work-plan-non-majority", dueOn: "2022-06-30"));
        await monitor.PostAsJsonAsync("/api/v1/recommendations", Recommendation("members-compensated", dueOn: "2022-12-31", institution: "mlga"));
        await monitor.PostAsJsonAsync("/api/v1/recommendations", Recommendation("no-meeting-records", status: "addressed"));
        var session = await host.SignInAsync(Roles.Monitor);

        var (_, open) = await session.GetAsync("/follow-up");
        var (_, overdue) = await session.GetAsync("/follow-up?overdue=true");
        var (_, mlga) = await session.GetAsync("/follow-up?institution=mlga");

        Assert.Equal(2, Rows(open));
        Assert.Equal(1, Rows(overdue));
        Assert.Contains("overdue", overdue);
        Assert.Equal(1, Rows(mlga));
    }

    [Fact]
    public async Task TheNextYearsFactSheetCountsWhatCameOfTheRecommendations()
    {
        await using var host = await PublishedAsync();
        var monitor = host.ClientFor(Roles.Monitor);
        await monitor.PostAsJsonAsync("/api/v1/recommendations", Recommendation("work-plan-non-majority", status: "addressed"));
        await monitor.PostAsJsonAsync("/api/v1/recommendations", Recommendation("members-compensated", status: "in_progress"));
        var session = await host.SignInAsync(Roles.Monitor, language: "sq");

        var (_, sheet) = await session.GetAsync("/factsheet/2022/sq");
        var (_, page) = await session.GetAsync("/municipalities/gjilan?year=2021");

        Assert.Contains("Ndjekja e rekomandimeve të vitit 2021", sheet);
        Assert.Contains("Të adresuara", sheet);
        Assert.Contains("Në zbatim", sheet);
        Assert.Contains("Të miratohet plani i punës.", page);
    }

    private static int Rows(string html) => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelectorAll("main tbody tr").Length;
}
