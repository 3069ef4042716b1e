using System.Net;
using McscMonitor.Users;
using Microsoft.AspNetCore.Hosting;

namespace McscMonitor.Tests.Hostile;

public class WebHardeningTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/signin")]
    [InlineData("/factsheet/2021/en")]
    [InlineData("/api/v1/indicators/2021")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.ClientFor(null).GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task RevokingATokenWithoutTheAntiforgeryTokenIsRefused()
    {
        await using var host = await ApiHost.StartAsync();
        var session = await host.SignInAsync(Roles.Monitor);
        using var client = new HttpClient(host.ClientHandler()) { BaseAddress = new Uri("http://localhost") };
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/account/tokens/2/revoke") { Content = new FormUrlEncodedContent([]) };
        forged.Headers.Add("Cookie", session.CookieHeader);

        var response = await client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.ClientFor(Roles.Monitor).GetAsync("/api/v1/meetings")).StatusCode);
    }

    [Fact]
    public async Task AnUnknownHostIsRefused()
    {
        await using var host = await ApiHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "evil.example";

        var response = await host.ClientFor(null).SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ForwardedHttpsMakesCookiesSecureOnlyWhenItComesFromAConfiguredProxy()
    {
        static Action<WebApplicationBuilder> FromAddress(string address) => builder =>
            builder.Services.AddSingleton<IStartupFilter>(new ClientAddress(IPAddress.Parse(address)));
        var settings = new Dictionary<string, string?> { ["ReverseProxy:KnownProxies:0"] = "10.0.0.5" };
        await using var behindProxy = await ApiHost.StartAsync(settings: settings, configure: FromAddress("10.0.0.5"));
        await using var direct = await ApiHost.StartAsync(settings: settings, configure: FromAddress("203.0.113.9"));

        // By hand rather than through a cookie jar: a jar would not send the antiforgery cookie marked Secure over http.
        async Task<string> SignInCookieAsync(ApiHost host)
        {
            var (userName, password) = host.Account(Roles.Monitor);
            using var client = new HttpClient(new ForwardedProto(host.ClientHandler())) { BaseAddress = new Uri("http://localhost") };
            var form = await client.GetAsync("/signin");
            var antiforgeryCookie = form.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
            var token = System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(),
                "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            using var post = new HttpRequestMessage(HttpMethod.Post, "/signin")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["UserName"] = userName, ["Password"] = password, ["ReturnUrl"] = "/", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                }),
            };
            post.Headers.Add("Cookie", antiforgeryCookie);
            var response = await client.SendAsync(post);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal));
        }

        Assert.Contains("secure", await SignInCookieAsync(behindProxy), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", await SignInCookieAsync(direct), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ABrowserGetsAnErrorPageInItsLanguageAndTheApiGetsProblemDetails()
    {
        await using var host = await ApiHost.StartAsync();
        var browser = host.ClientFor(null);
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("sq");
        var script = host.ClientFor(Roles.Admin);
        script.DefaultRequestHeaders.AcceptLanguage.ParseAdd("sq");

        var page = await browser.GetAsync("/no-such-page");
        var api = await script.GetAsync("/api/v1/meetings?year=0");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Nuk u gjet", await page.Content.ReadAsStringAsync());
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"title\":\"Kërkesa nuk është e vlefshme\"", await api.Content.ReadAsStringAsync());
    }

    private sealed class ForwardedProto(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
