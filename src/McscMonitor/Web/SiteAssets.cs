namespace McscMonitor.Web;

/// <summary>
/// The files every page links to. The app's one script, from this site (the CSP allows no
/// other): a form marked data-progress says it is working while it posts, and a copy button
/// copies the text of the element it names; everything works without it, it only saves a
/// reader some steps. And the icon browsers show in a tab (without one, every page logs a 404).
/// </summary>
internal static class SiteAssets
{
    /// <summary>A navy shield with a white check: a council that keeps a community safe.</summary>
    private const string Icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M16 2 4 6v9c0 7.5 5.1 12.9 12 15 6.9-2.1 12-7.5 12-15V6Z" fill="#12355b"/><path d="m10 16 4.5 4.5L23 12" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>
        """;

    private const string Script = """
        document.querySelectorAll("form[data-progress]").forEach(function (form) {
          form.addEventListener("submit", function () {
            var status = form.querySelector(".progress");
            if (status) status.textContent = form.getAttribute("data-progress");
            form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
          });
        });
        document.querySelectorAll("button[data-copy]").forEach(function (button) {
          button.hidden = false;
          button.addEventListener("click", function () {
            var source = document.getElementById(button.getAttribute("data-copy"));
            if (!source || !navigator.clipboard) return;
            navigator.clipboard.writeText(source.textContent.trim()).then(function () {
              button.textContent = button.getAttribute("data-copied");
            });
          });
        });
        """;

    public static IEndpointRouteBuilder MapSiteAssets(this IEndpointRouteBuilder routes)
    {
        foreach (var path in new[] { "/favicon.svg", "/favicon.ico" })
            routes.MapGet(path, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "public, max-age=86400";
                return TypedResults.Text(Icon, "image/svg+xml");
            }).ExcludeFromDescription();
        routes.MapGet("/app.js", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Text(Script, "text/javascript; charset=utf-8");
        }).ExcludeFromDescription();
        return routes;
    }
}
