namespace McscMonitor.Web;

/// <summary>
/// The app's one script, from this site (the CSP allows no other): a form marked
/// data-progress says it is working while it posts, and a copy button copies the text of the
/// element it names. Everything works without it; it only saves a reader some steps.
/// </summary>
internal static class ClientScript
{
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

    public static IEndpointRouteBuilder MapClientScript(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/app.js", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Text(Script, "text/javascript; charset=utf-8");
        }).ExcludeFromDescription();
        return routes;
    }
}
