using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace McscMonitor.FactSheet;

/// <summary>Renders the fact sheet page to a string, the same for the CLI and the web app.</summary>
public static class FactSheetHtml
{
    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddLogging()
        // Albanian and Serbian text stays readable in the source rather than as character references.
        .AddSingleton(HtmlEncoder.Create(UnicodeRanges.All))
        .BuildServiceProvider();

    public static async Task<string> RenderAsync(FactSheetModel model, bool standalone = true)
    {
        await using var renderer = new HtmlRenderer(Services, Services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(FactSheetView.Model)] = model,
                [nameof(FactSheetView.Standalone)] = standalone,
            });
            var output = await renderer.RenderComponentAsync<FactSheetView>(parameters);
            return output.ToHtmlString();
        });
    }
}
