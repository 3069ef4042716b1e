using McscMonitor.Core.Domain;
using McscMonitor.Data;
using McscMonitor.Demo;
using McscMonitor.FactSheet;

namespace McscMonitor.Tests;

/// <summary>The fact sheet of the demo data, built once per language and shared by the tests that only read it.</summary>
public sealed class DemoFactSheets : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    public Dictionary<Language, FactSheetModel> Models { get; } = [];
    public Dictionary<Language, byte[]> Pdfs { get; } = [];
    public Dictionary<Language, string> Html { get; } = [];

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Demo);
        _services = await _database.OpenServicesAsync();
        await using var scope = _services.CreateAsyncScope();
        var builder = scope.ServiceProvider.GetRequiredService<FactSheetBuilder>();
        foreach (var language in Languages.All)
        {
            var model = await builder.BuildAsync(2021, language);
            Models[language] = model;
            Pdfs[language] = FactSheetPdf.Render(model);
            Html[language] = await FactSheetHtml.RenderAsync(model, standalone: false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
