using McscMonitor.Indicators;

namespace McscMonitor.Web;

public static class WebApp
{
    /// <summary>The web app and REST API. Tests pass `configure` to swap in a test server.</summary>
    public static WebApplication Build(
        string[] args, IReadOnlyDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddMcsc(builder.Configuration);
        builder.Services.AddRazorComponents();
        builder.Services.AddProblemDetails();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAntiforgery();
        app.MapIndicatorsPage();
        app.MapIndicatorsApi();
        return app;
    }
}
