using McscMonitor.Core.Domain;
using McscMonitor.FactSheet;
using SkiaSharp;

namespace McscMonitor.Tests;

public class PublisherLogoTests(DemoFactSheets sheets) : IClassFixture<DemoFactSheets>
{
    private static string WriteLogo()
    {
        using var bitmap = new SKBitmap(240, 80);
        using (var canvas = new SKCanvas(bitmap)) canvas.Clear(new SKColor(0x12, 0x35, 0x5b));
        var file = Path.Combine(Path.GetTempPath(), $"mcsc-logo-{Guid.NewGuid():N}.png");
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(file, data.ToArray());
        return file;
    }

    [Fact]
    public async Task APublishersLogoHeadsTheSheetNamedByThePublisherOnPaperAndOnTheWeb()
    {
        var file = WriteLogo();
        var model = sheets.Models[Language.Sq] with
        {
            Publisher = new PublisherOptions(null, null, new Dictionary<string, string> { ["sq"] = "Misioni i OSBE-së në Kosovë" }, PublisherLogo.Load(file)),
        };

        var pdf = FactSheetPdf.Render(model);
        var html = await FactSheetHtml.RenderAsync(model, standalone: false);

        var figures = TaggedPdf.Elements(pdf).Where(element => element.Type == "Figure").ToList();
        Assert.Equal("Misioni i OSBE-së në Kosovë", figures[0].Alt);
        Assert.Equal(model.MapDescription, figures[1].Alt);
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        Assert.Equal(5, document.NumberOfPages);
        Assert.Single(document.GetPage(1).GetImages());
        // The map still fits page 1 under the logo.
        Assert.Contains(model.Texts["mapAttribution"], document.GetPage(1).Text);
        Assert.Contains("<img class=\"logo\" src=\"data:image/png;base64,iVBOR", html);
        Assert.Contains("alt=\"Misioni i OSBE-së në Kosovë\"", System.Net.WebUtility.HtmlDecode(html));
        File.Delete(file);
    }

    [Fact]
    public async Task ALogoThatIsMissingTooLargeOrNotAnImageStopsTheProgramWithOneSentence()
    {
        var text = Path.Combine(Path.GetTempPath(), $"mcsc-logo-{Guid.NewGuid():N}.png");
        await File.WriteAllTextAsync(text, "not an image", TestContext.Current.CancellationToken);
        var large = Path.Combine(Path.GetTempPath(), $"mcsc-logo-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(large, new byte[PublisherLogo.MaxBytes + 1], TestContext.Current.CancellationToken);
        var missing = Path.Combine(Path.GetTempPath(), "no-such-logo.png");

        foreach (var (path, expected) in new[] { (missing, "there is no file at"), (large, "a logo may be at most 256 KB"), (text, "neither a PNG nor a JPEG") })
        {
            var run = await CliRun.RunAsync(new Dictionary<string, string?> { ["Publisher:Logo"] = path }, ["indicators", "--year", "2021"]);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"Publisher:Logo: ", run.Error);
            Assert.Contains(expected, run.Error);
            Assert.DoesNotContain("   at ", run.Error);
        }
        File.Delete(text);
        File.Delete(large);
    }
}
