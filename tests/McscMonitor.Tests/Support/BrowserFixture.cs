using McscMonitor.Core.Domain;
using McscMonitor.Data;
using McscMonitor.Demo;
using McscMonitor.Users;
using McscMonitor.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace McscMonitor.Tests;

/// <summary>
/// The app on a real port with the demo data, and Debian's Chromium driven by Playwright
/// (its own browser download does not work here). Without Chromium the tests skip, except
/// in CI, where .ci/run installs it and a missing browser fails them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private TestDatabase _database = null!;
    private WebApplication _app = null!;
    private IPlaywright _playwright = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public Dictionary<string, string> Passwords { get; } = [];

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath)) return;
        _database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Demo);
        // Every browser test signs in from the same address: the sign-in limit is for strangers, not for this suite.
        var settings = _database.Settings.Append(new("RateLimits:SignInsPerMinute", "1000")).ToDictionary();
        _app = WebApp.Build(["--urls=http://127.0.0.1:0"], settings);
        await _app.Services.MigrateAsync();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            // The public fact sheet is the published one: publish the year the browser tests read.
            await scope.ServiceProvider.GetRequiredService<DemoLoader>().PublishAsync(years: [2021]);
            // Recommendations on two published gaps, for the follow-up page.
            var published = await scope.ServiceProvider.GetRequiredService<McscMonitor.Publications.Publisher>().PublishedIndicatorsAsync(2021, Language.En);
            var db = scope.ServiceProvider.GetRequiredService<McscMonitor.Data.McscDbContext>();
            foreach (var (municipality, index) in published!.Municipalities.Where(m => m.Gaps.Count > 0).Take(2).Select((m, i) => (m, i)))
                db.Recommendations.Add(new Recommendation
                {
                    MunicipalityCode = municipality.Code, Year = 2021, Rule = municipality.Gaps[0].Rule,
                    TextSq = "Të trajtohet mangësia deri në mes të vitit.", TextSrLatn = "Da se nedostatak otkloni do sredine godine.",
                    TextEn = "Address the gap by mid-year.", Institution = index == 0 ? Institution.Municipality : Institution.Mia,
                    DueOn = new DateOnly(2022, 6, 30), Status = index == 0 ? RecommendationStatus.Open : RecommendationStatus.InProgress,
                });
            // A change after the demo import, for the audit trail to put in words.
            var pejeMeeting = await db.Meetings.Where(m => db.Councils.Any(c => c.Id == m.CouncilId && c.MunicipalityCode == "peje") && m.Date.Year == 2022)
                .OrderBy(m => m.Date).FirstAsync(TestContext.Current.CancellationToken);
            pejeMeeting.Attendees = 12;
            pejeMeeting.DiscussedSecurityIncidents = pejeMeeting.DiscussedSecurityIncidents != true;
            await db.SaveChangesAsync();
            // An import of a file, whose SHA-256 (64 characters without a space) the audit page must fit on a phone.
            var file = System.Text.Encoding.UTF8.GetBytes("municipality,year,status\npeje,2022,paid\n");
            var read = McscMonitor.Import.ExchangeReader.ReadCsv("compensation.csv", "compensation", file) with
            {
                Name = "compensation.csv",
                Checksum = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(file)).ToLowerInvariant(),
            };
            await scope.ServiceProvider.GetRequiredService<McscMonitor.Import.Importer>().ImportAsync(read);
            Passwords["mona"] = await Support.Accounts.AddSettledAsync(scope.ServiceProvider, "mona", Roles.Monitor, null);
            Passwords["ada"] = await Support.Accounts.AddSettledAsync(scope.ServiceProvider, "ada", Roles.Admin, null);
            Passwords["olsi"] = await Support.Accounts.AddSettledAsync(scope.ServiceProvider, "olsi", Roles.MunicipalOfficer, "Pejë");
            Passwords["lock"] = await Support.Accounts.AddSettledAsync(scope.ServiceProvider, "lock", Roles.Monitor, null);
        }
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    public void RequireBrowser()
    {
        if (Browser is not null) return;
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail($"{ChromiumPath} is missing: CI must run the browser tests.");
        Assert.Skip($"Browser tests need Debian's chromium at {ChromiumPath} (apt-get install chromium, as .ci/run does).");
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is null) return;
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }
}
