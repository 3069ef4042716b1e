using System.Collections.Concurrent;
using McscMonitor.Audit;
using McscMonitor.Core.Domain;
using McscMonitor.Data;
using Microsoft.Extensions.Caching.Memory;

namespace McscMonitor.FactSheet;

/// <summary>A rendered fact sheet file with the tag a browser or proxy revalidates it by.</summary>
public sealed record RenderedFile(byte[] Content, string ETag);

/// <summary>
/// Fact sheets are public and costly to draw, so each (year, language, file) is drawn once
/// per version of the records and day, and every later request gets the same bytes. Fifty
/// visitors asking for the same PDF at once wait for one rendering, not fifty. The cache
/// holds a bounded number of files; the least used go first.
/// </summary>
public sealed class FactSheetCache(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    private readonly MemoryCache _files = new(new MemoryCacheOptions { SizeLimit = 120 });

    public void Dispose() => _files.Dispose();
    private readonly ConcurrentDictionary<string, Lazy<Task<RenderedFile>>> _rendering = new();
    private int _renderings;

    /// <summary>How many files were drawn since start: what the cache saves shows as requests served without one.</summary>
    public int Renderings => _renderings;

    public async Task<RenderedFile> GetAsync(
        int year, Language language, string file, Func<FactSheetModel, Task<byte[]>> render, CancellationToken cancellationToken)
    {
        long version;
        await using (var scope = scopes.CreateAsyncScope())
            version = await AuditTrail.DataVersionAsync(scope.ServiceProvider.GetRequiredService<McscDbContext>(), cancellationToken);
        var key = $"{year}/{language.Tag()}/{file}/{version}/{DateOnly.FromDateTime(clock.GetLocalNow().Date):yyyyMMdd}";
        if (_files.TryGetValue(key, out RenderedFile? cached)) return cached!;

        // One rendering per key at a time; the others await it. It runs on its own, so one caller giving up does not fail the rest.
        var rendering = _rendering.GetOrAdd(key, _ => new Lazy<Task<RenderedFile>>(() => RenderAsync(year, language, render, key)));
        try
        {
            var rendered = await rendering.Value.WaitAsync(cancellationToken);
            _files.Set(key, rendered, new MemoryCacheEntryOptions { Size = 1 });
            return rendered;
        }
        finally
        {
            if (rendering.IsValueCreated && rendering.Value.IsCompleted) _rendering.TryRemove(key, out _);
        }
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
