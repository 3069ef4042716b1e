using System.Text.Encodings.Web;
using System.Text.Unicode;
using McscMonitor.FactSheet;
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
        // Pages are in Albanian and Serbian: keep ë, č and Cyrillic readable rather than as entities.
        builder.Services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAntiforgery();
        app.MapIndicatorsPage();
        app.MapIndicatorsApi();
        app.MapFactSheet();
        return app;
    }
}
