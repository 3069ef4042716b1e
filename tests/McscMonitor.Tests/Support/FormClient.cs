using System.Net;
using System.Text.RegularExpressions;

namespace McscMonitor.Tests;

/// <summary>
/// Talks to the app as a browser without JavaScript does: keeps cookies, does not follow
/// redirects (tests look at them), and posts forms with the antiforgery token of the page
/// they came from.
/// </summary>
public sealed partial class FormClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly CookieJar _jar;

    public FormClient(HttpMessageHandler server, string? language = null)
    {
        _jar = new CookieJar(server);
        _client = new HttpClient(_jar) { BaseAddress = new Uri("http://localhost") };
        if (language is not null) _client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
    }

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<HttpResponseMessage> GetResponseAsync(string path) => _client.GetAsync(path);

    public void Dispose()
    {
        _client.Dispose();
        _jar.Dispose();
    }

    /// <summary>The cookies this browser would send now: what a thief who copied them would replay.</summary>
    public string CookieHeader => _jar.Header(new Uri("http://localhost/"));

    /// <summary>Opens <paramref name="formPage"/> for its antiforgery token, then posts the fields to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string formPage, string action, Dictionary<string, string> fields)
    {
        var (_, html) = await GetAsync(formPage);
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, $"{formPage} has no antiforgery token");
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))));
        return await _client.PostAsync(action, content);
    }

    /// <summary>The value of a named input on a page: what a form would send back.</summary>
    public static string InputValue(string html, string name)
    {
        var match = Regex.Match(html, $"<input type=\"hidden\" name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        Assert.True(match.Success, $"no hidden input {name}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private sealed class CookieJar(HttpMessageHandler server) : DelegatingHandler(server)
    {
        private readonly CookieContainer _cookies = new();

        public string Header(Uri uri) => _cookies.GetCookieHeader(uri);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = _cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0) request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
                foreach (var value in values) _cookies.SetCookies(request.RequestUri!, value);
            return response;
        }
    }
}
