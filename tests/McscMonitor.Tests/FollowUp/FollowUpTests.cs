using System.Net;
using System.Net.Http.Json;
using McscMonitor.Users;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task ARecommendationWrittenOnlyInSerbianIsShownAsPendingTranslationInAlbanian()
    {
        await using var host = await PublishedAsync();
        var monitor = host.ClientFor(Roles.Monitor);

        var serbianOnly = await monitor.PostAsJsonAsync("/api/v1/recommendations", new
        {
            municipality = "gjilan", year = 2021, rule = "work-plan-non-majority", status = "open", institution = "municipality",
            textSrLatn = "Da se usvoji plan rada koji obuhvata nevećinske zajednice.",
        });
        var none = await monitor.PostAsJsonAsync("/api/v1/recommendations", new
        {
            municipality = "gjilan", year = 2021, rule = "work-plan-non-majority", status = "open", institution = "municipality",
        });
        var (_, albanian) = await (await host.SignInAsync(Roles.Monitor, language: "sq")).GetAsync("/municipalities/gjilan?year=2021");
        var (_, cyrillic) = await (await host.SignInAsync(Roles.Monitor, language: "sr-Cyrl")).GetAsync("/municipalities/gjilan?year=2021");

        Assert.Equal(HttpStatusCode.Created, serbianOnly.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("write the recommendation in at least one language", await none.Content.ReadAsStringAsync());
        Assert.Contains("Da se usvoji plan rada koji obuhvata nevećinske zajednice.", albanian);
        Assert.Contains("përkthimi në pritje; shkruar në serbisht", albanian);
        Assert.Contains("Да се усвоји план рада", cyrillic);
        Assert.DoesNotContain("превод у припреми", cyrillic);
    }

    [Fact]
    public async Task TheGapListOffersTheMunicipalitysPublishedGapsOnly()
    {
        await using var host = await PublishedAsync();
        var monitor = await host.SignInAsync(Roles.Monitor);
        var gaps = await GapsAsync(host, "gjilan");

        var (_, form) = await monitor.GetAsync("/municipalities/gjilan/recommendations/new?year=2022");
        var offered = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(form).QuerySelectorAll("#field-rule option")
            .Select(o => o.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v)).ToArray();

        Assert.NotEmpty(gaps);
        Assert.Equal(gaps.Order(), offered.Order());
    }

    [Fact]
    public async Task ProgressNotesAreDatedRecordsThatTheOfficerAddsAndEveryoneInScopeReads()
    {
        await using var host = await PublishedAsync(new DateTimeOffset(2022, 9, 1, 8, 0, 0, TimeSpan.Zero));
        var created = await host.ClientFor(Roles.Monitor).PostAsJsonAsync("/api/v1/recommendations", Recommendation("work-plan-non-majority"));
        var id = System.Text.Json.Nodes.JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<int>();
        string gjilanPassword, gjilanToken;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            gjilanPassword = await Support.Accounts.AddSettledAsync(scope.ServiceProvider, "gresa", Roles.MunicipalOfficer, "gjilan");
            gjilanToken = await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateTokenAsync("gresa", "tests");
        }
        var officer = host.ClientFor(null);
        officer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", gjilanToken);

        var added = await officer.PostAsJsonAsync($"/api/v1/recommendations/{id}/progress", new { writtenOn = "2022-08-15", text = "Drafting group formed." });
        var future = await officer.PostAsJsonAsync($"/api/v1/recommendations/{id}/progress", new { writtenOn = "2022-09-30", text = "Plan adopted." });
        var otherMunicipality = await host.ClientFor(Roles.MunicipalOfficer).PostAsJsonAsync($"/api/v1/recommendations/{id}/progress", new { text = "Not ours." });
        var notes = await host.ClientFor(Roles.Monitor).GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>($"/api/v1/recommendations/{id}/progress");
        var session = new FormClient(host.ClientHandler());
        await session.SubmitAsync("/signin", "/signin", new() { ["UserName"] = "gresa", ["Password"] = gjilanPassword, ["ReturnUrl"] = "/" });
        var posted = await session.SubmitAsync($"/recommendations/{id}/progress", $"/recommendations/{id}/progress", new() { ["text"] = "Second meeting held." });
        var (_, page) = await session.GetAsync(posted.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("cannot be dated after today", await future.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, otherMunicipality.StatusCode);
        var note = Assert.Single(notes!);
        Assert.Equal("2022-08-15", note!["writtenOn"]!.GetValue<string>());
        Assert.Equal("gresa", note["author"]!.GetValue<string>());
        Assert.Contains("Drafting group formed.", page);
        Assert.Contains("Second meeting held.", page);
        Assert.Contains("The progress note is saved.", page);
    }

    private static async Task<string[]> GapsAsync(ApiHost host, string code)
    {
        using var indicators = await host.ClientFor(Roles.Monitor).GetAsync("/api/v1/indicators/2021");
        return System.Text.Json.Nodes.JsonNode.Parse(await indicators.Content.ReadAsStringAsync())!["municipalities"]!.AsArray()
            .Single(m => m!["code"]!.GetValue<string>() == code)!["gaps"]!.AsArray().Select(g => g!["rule"]!.GetValue<string>()).ToArray();
    }

    private static int Rows(string html) => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelectorAll("main tbody tr").Length;
}
