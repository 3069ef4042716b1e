using BenchmarkDotNet.Attributes;
using McscMonitor.Core.Domain;
using McscMonitor.Data;
using McscMonitor.Demo;
using McscMonitor.FactSheet;
using Microsoft.Extensions.DependencyInjection;

namespace McscMonitor.Benchmarks;

/// <summary>
/// How long one fact sheet takes once warm, for the demo data's 2021. The HTML page of the
/// same model is the baseline, so the result reads as "the PDF costs N pages of HTML".
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class FactSheetBenchmarks
{
    private FactSheetModel _model = null!;
    private string _databaseFile = null!;

    [Params("en", "sr-Cyrl")]
    public string Language { get; set; } = "en";

    [GlobalSetup]
    public async Task LoadDemoData()
    {
        _databaseFile = Path.Combine(Path.GetTempPath(), $"mcsc-bench-{Guid.NewGuid():N}.db");
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Mcsc"] = $"Data Source={_databaseFile};Pooling=False" };
        await using var services = new ServiceCollection().AddMcsc(AppServices.BuildConfiguration(settings)).BuildServiceProvider();
        await services.MigrateAsync();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoLoader>().LoadAsync();
        var language = Languages.ParseOrEnglish(Language);
        _model = await scope.ServiceProvider.GetRequiredService<FactSheetBuilder>().BuildAsync(2021, language);
    }

    [GlobalCleanup]
    public void DeleteDatabase() => File.Delete(_databaseFile);

    [Benchmark(Baseline = true)]
    public Task<string> HtmlPage() => FactSheetHtml.RenderAsync(_model, standalone: false);

    [Benchmark]
    public byte[] Pdf() => FactSheetPdf.Render(_model);

    [Benchmark]
    public string MeetingsChartSvg() => FactSheetCharts.Svg(_model.MeetingsHeld);
}
