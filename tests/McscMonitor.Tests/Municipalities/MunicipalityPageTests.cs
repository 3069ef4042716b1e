using System.Net;
using McscMonitor.Users;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Tests;

public class MunicipalityPageTests
{
    [Theory]
    [InlineData(Roles.Admin, "gracanice", HttpStatusCode.OK)]
    [InlineData(Roles.Monitor, "gracanice", HttpStatusCode.OK)]
    [InlineData(Roles.MunicipalOfficer, "peje", HttpStatusCode.OK)]
    [InlineData(Roles.MunicipalOfficer, "gracanice", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Viewer, "peje", HttpStatusCode.Forbidden)]
    public async Task OnlyTheRightPeopleSeeAMunicipalitysRecords(string role, string municipality, HttpStatusCode expected)
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.ClientFor(role).GetAsync($"/municipalities/{municipality}?year=2021");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task AnonymousVisitorsAreSentToSignIn()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.ClientFor(null).GetAsync("/municipalities/peje");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task MunicipalityPageShowsMembersMeetingsGapsAndFiveYears()
    {
        await using var host = await ApiHost.StartAsync();

        var html = await host.ClientFor(Roles.Monitor).GetStringAsync("/municipalities/gracanice?year=2021");

        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var text = System.Text.RegularExpressions.Regex.Replace(document.Body!.TextContent, @"\s+", " ");
        Assert.Contains("Members: 4; women: 1; from non-majority communities: 1; communities represented: Kosovo Albanian, Kosovo Serb", text);
        // Sections: approval, council, members, meetings, …
        Assert.Equal(4, document.QuerySelectorAll("section:nth-of-type(4) tbody tr").Length);
        Assert.Equal(4, document.QuerySelectorAll("section:nth-of-type(5) tbody tr").Length);
        Assert.Contains("AI (MIA) No. 27/2012", html);
        Assert.Equal(5, document.QuerySelectorAll("section:last-of-type tbody tr").Length);
    }

    [Fact]
    public async Task MunicipalityPageSendsAFixedFewStatementsNotOnesPerMunicipalityOrYear()
    {
        await using var host = await ApiHost.StartAsync();
        var monitor = host.ClientFor(Roles.Monitor);
        using var counter = new McscMonitor.Data.StatementCounter(
            new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(host.Settings["ConnectionStrings:Mcsc"]).DataSource);

        var first = await counter.RecordAsync(() => monitor.GetStringAsync("/municipalities/gracanice?year=2021"));
        var again = await counter.RecordAsync(() => monitor.GetStringAsync("/municipalities/gracanice?year=2021"));

        // Warm: the token with its user's roles, the municipality with its council, compensation and approvals,
        // the council's members, meetings and plans (3), recommendations, whether the year is published (for
        // a monitor, who may add one), the municipality's attachments, the years' version, and the audit entry
        // that the member list was seen.
        Assert.True(again.Count <= 10, $"{again.Count} statements:\n" + string.Join("\n---\n", again));
        // Cold, the years with records are read once more: a seek per year of meetings, plans' and payments' years.
        Assert.True(first.Count <= again.Count + 8, $"{first.Count} statements:\n" + string.Join("\n---\n", first));
    }
}

public class MunicipalityPageYearTests
{
    [Fact]
    public async Task AnEarlierYearsPageLinksEveryLaterYearWithRecordsAndTheYearInProgress()
    {
        await using var host = await ApiHost.StartAsync();

        var html = await host.ClientFor(Roles.Monitor).GetStringAsync("/municipalities/peje?year=2021");

        Assert.Contains("href=\"/municipalities/peje?year=2022\"", html);
        Assert.Contains($"href=\"/municipalities/peje?year={DateTime.Today.Year}\"", html);
    }

    [Fact]
    public async Task AfterASaveThePageConfirmsIt()
    {
        await using var host = await ApiHost.StartAsync();
        var officer = await host.SignInAsync(Roles.MunicipalOfficer, "sq");

        var (_, html) = await officer.GetAsync("/municipalities/peje?year=2021&changed=saved");

        Assert.Contains("<p class=\"done\" role=\"status\">U ruajt.", html);
    }
}

public class MunicipalityHistoryTests
{
    [Fact]
    public async Task OneMunicipalitysHistoryEqualsItsRowInTheWholeYearsFigures()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Demo);
        await using var services = await database.OpenServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscMonitor.Data.McscDbContext>();
        var query = scope.ServiceProvider.GetRequiredService<McscMonitor.Indicators.IndicatorQuery>();
        var cancel = TestContext.Current.CancellationToken;
        // Some years declared complete, so that "no meeting recorded" counts as none held there.
        await scope.ServiceProvider.GetRequiredService<McscMonitor.Approvals.ApprovalWorkflow>()
            .ActAsync("peje", 2020, Core.Approval.ApprovalAction.Submit, Core.Approval.ApprovalRole.Admin, null, cancel);
        var years = Enumerable.Range(2018, 6).ToList();
        var whole = new Dictionary<int, Core.Indicators.YearIndicators>();
        foreach (var year in years) whole[year] = await query.ComputeAsync(year, Core.Domain.Language.Sq, cancel);

        foreach (var municipality in await db.Municipalities.AsNoTracking().ToListAsync(cancel))
        {
            var council = await db.Councils.AsNoTracking().Include(c => c.Members).Include(c => c.Meetings).Include(c => c.WorkPlans)
                .AsSplitQuery().FirstOrDefaultAsync(c => c.MunicipalityCode == municipality.Code, cancel);
            var compensation = await db.Compensation.AsNoTracking().Where(c => c.MunicipalityCode == municipality.Code).ToListAsync(cancel);
            var complete = (await db.Approvals.AsNoTracking()
                .Where(a => a.MunicipalityCode == municipality.Code && a.State != Core.Approval.ApprovalState.Draft)
                .Select(a => a.Year).ToListAsync(cancel)).ToHashSet();

            var history = query.History(municipality, council, compensation, complete, years, Core.Domain.Language.Sq);

            foreach (var (year, measured) in years.Zip(history))
            {
                var expected = whole[year].Municipalities.Single(m => m.Municipality.Code == municipality.Code);
                Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected), System.Text.Json.JsonSerializer.Serialize(measured));
            }
        }
    }
}
