using System.Net;
using System.Net.Http.Headers;
using McscMonitor.Data;
using McscMonitor.Users;
using McscMonitor.Web;
using Microsoft.AspNetCore.TestHost;

namespace McscMonitor.Tests;

/// <summary>The app on a test server with the example records and one user of each role, each with a token.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly WebApplication _app;
    private readonly Dictionary<string, string> _tokens;
    private readonly Dictionary<string, (string UserName, string Password)> _accounts;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    private ApiHost(
        TestDatabase database, IReadOnlyDictionary<string, string?> settings, WebApplication app, Dictionary<string, string> tokens,
        Dictionary<string, (string, string)> accounts)
    {
        _settings = settings;
        _database = database;
        _app = app;
        _tokens = tokens;
        _accounts = accounts;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>The database's settings, to start a second app on it (a restart).</summary>
    public IReadOnlyDictionary<string, string?> Settings => _database.Settings;

    /// <param name="settings">Configuration on top of the database's (limits, proxies).</param>
    /// <param name="configure">Changes to the host before it is built, such as a fake client address.</param>
    public static async Task<ApiHost> StartAsync(
        string provider = TestDatabase.Sqlite, IReadOnlyDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var database = await TestDatabase.CreateAsync(provider, withExamples: true);
        // The test's own settings win over the database's defaults.
        var allSettings = new Dictionary<string, string?>(database.Settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) allSettings[key] = value;
        var app = WebApp.Build([], allSettings, builder =>
        {
            builder.WebHost.UseTestServer();
            configure?.Invoke(builder);
        });
        await app.Services.MigrateAsync();
        var tokens = new Dictionary<string, string>();
        var accounts = new Dictionary<string, (string, string)>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            foreach (var (name, role, municipality) in new[]
                     {
                         ("ada", Roles.Admin, (string?)null), ("mona", Roles.Monitor, null),
                         ("olsi", Roles.MunicipalOfficer, "Pejë"), ("vera", Roles.Viewer, null),
                     })
            {
                accounts[role] = (name, await Support.Accounts.AddSettledAsync(scope.ServiceProvider, name, role, municipality));
                tokens[role] = await users.CreateTokenAsync(name, "tests");
            }
        }
        await app.StartAsync();
        return new ApiHost(database, allSettings, app, tokens, accounts);
    }

    /// <summary>A client acting as the given role, or anonymous when null.</summary>
    public HttpClient ClientFor(string? role)
    {
        var client = _app.GetTestClient();
        if (role is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[role]);
        return client;
    }

    /// <summary>A browser-like session (cookies, antiforgery) signed in as the role's user.</summary>
    public async Task<FormClient> SignInAsync(string role, string? language = null)
    {
        var (userName, password) = _accounts[role];
        var session = new FormClient(_app.GetTestServer().CreateHandler(), language);
        var response = await session.SubmitAsync("/signin", "/signin", new() { ["UserName"] = userName, ["Password"] = password, ["ReturnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    public (string UserName, string Password) Account(string role) => _accounts[role];

    public HttpMessageHandler ClientHandler() => _app.GetTestServer().CreateHandler();

    /// <summary>A CLI verb on this host's database and settings, as an administrator at the console would run it.</summary>
    public Task<CliRun> RunCliAsync(params string[] args) => CliRun.RunAsync(_settings, args);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }
}
