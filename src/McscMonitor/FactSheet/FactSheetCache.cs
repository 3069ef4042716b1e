using McscMonitor.Core.Domain;
using McscMonitor.Data;
using McscMonitor.Web;

namespace McscMonitor.FactSheet;

/// <summary>A rendered fact sheet file with the tag a browser or proxy revalidates it by.</summary>
public sealed record RenderedFile(byte[] Content, string ETag);

/// <summary>
/// Fact sheets are public and costly to draw, so each (year, language, file) is drawn once
/// per version of that year's records and day, and every later request gets the same bytes.
/// Fifty visitors asking for the same PDF at once wait for one rendering, not fifty.
/// </summary>
public sealed class FactSheetCache(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    private readonly ComputeOnceCache<string, RenderedFile> _files = new(sizeLimit: 120);
    private readonly ComputeOnceCache<string, byte[]> _gzipped = new(sizeLimit: 120);
    private int _renderings;

    public void Dispose()
    {
        _files.Dispose();
        _gzipped.Dispose();
    }

    /// <summary>A file's bytes gzip'd once per version, which its ETag names in this database, not on every request.</summary>
    public Task<byte[]> GzippedAsync(string etag, byte[] content, CancellationToken cancellationToken) =>
        _gzipped.GetAsync(etag, () =>
        {
            using var compressed = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Optimal)) gzip.Write(content);
            return Task.FromResult(compressed.ToArray());
        }, cancellationToken);

    /// <summary>How many files were drawn since start: what the cache saves shows as requests served without one.</summary>
    public int Renderings => _renderings;

    public async Task<RenderedFile> GetAsync(
        int year, Language language, string file, Func<FactSheetModel, Task<byte[]>> render, CancellationToken cancellationToken)
    {
        string version;
        await using (var scope = scopes.CreateAsyncScope())
            version = await YearVersions.OfYearAsync(scope.ServiceProvider.GetRequiredService<McscDbContext>(), year, cancellationToken);
        var key = $"{year}/{language.Tag()}/{file}/{version}/{DateOnly.FromDateTime(clock.GetLocalNow().Date):yyyyMMdd}";
        return await _files.GetAsync(key, () => RenderAsync(year, language, render, key), cancellationToken);
    }

    private async Task<RenderedFile> RenderAsync(int year, Language language, Func<FactSheetModel, Task<byte[]>> render, string key)
    {
        Interlocked.Increment(ref _renderings);
        await using var scope = scopes.CreateAsyncScope();
        var model = await scope.ServiceProvider.GetRequiredService<FactSheetBuilder>().BuildAsync(year, language, unpublished: true);
        var content = await render(model);
        var tag = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16];
        return new RenderedFile(content, $"\"{tag}\"");
    }
}
