using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace McscMonitor.Web;

/// <summary>
/// A bounded cache whose misses are computed once: fifty requests for the same missing value
/// wait for one computation, not fifty. The computation runs on its own, so one caller giving
/// up does not fail the others. The least used values go first.
/// </summary>
public sealed class ComputeOnceCache<TKey, TValue>(int sizeLimit) : IDisposable
    where TKey : notnull
{
    private readonly MemoryCache _values = new(new MemoryCacheOptions { SizeLimit = sizeLimit });
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TValue>>> _computing = new();

    public void Dispose() => _values.Dispose();

    public async Task<TValue> GetAsync(TKey key, Func<Task<TValue>> compute, CancellationToken cancellationToken)
    {
        if (_values.TryGetValue(key, out TValue? cached))
        {
            AppMetrics.CacheLookups.Add(1, new KeyValuePair<string, object?>("hit", true));
            return cached!;
        }
        AppMetrics.CacheLookups.Add(1, new KeyValuePair<string, object?>("hit", false));
        var computing = _computing.GetOrAdd(key, _ => new Lazy<Task<TValue>>(() => Task.Run(compute, CancellationToken.None)));
        try
        {
            var value = await computing.Value.WaitAsync(cancellationToken);
            _values.Set(key, value, new MemoryCacheEntryOptions { Size = 1 });
            return value;
        }
        finally
        {
            if (computing.IsValueCreated && computing.Value.IsCompleted) _computing.TryRemove(key, out _);
        }
    }
}
