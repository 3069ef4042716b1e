using System.Collections.Concurrent;
using McscMonitor.Web;
using Microsoft.Extensions.Logging;

namespace McscMonitor.Tests;

public sealed class RequestIdsTests
{
    [Fact]
    public async Task TheProxysRequestIdIsAnsweredAndCarriedOnEveryLineLoggedForTheRequest()
    {
        var logs = new ScopeCapture();
        await using var host = await ApiHost.StartAsync(TestDatabase.Sqlite, configure: builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.AddFilter<ScopeCapture>("Microsoft.AspNetCore.Routing", LogLevel.Information);
        });
        var client = host.ClientFor(null);
        client.DefaultRequestHeaders.Add(RequestIds.Header, "9f1c2e7a5b3d4c6e8f0a1b2c3d4e5f60");

        var response = await client.GetAsync("/api/v1/indicators/2021", TestContext.Current.CancellationToken);

        Assert.Equal("9f1c2e7a5b3d4c6e8f0a1b2c3d4e5f60", response.Headers.GetValues(RequestIds.Header).Single());
        Assert.Contains(logs.Lines, line => line.Category.StartsWith("Microsoft.AspNetCore.Routing", StringComparison.Ordinal)
            && line.Scopes.TryGetValue("XRequestId", out var id) && Equals(id, "9f1c2e7a5b3d4c6e8f0a1b2c3d4e5f60"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("an id with spaces")]
    [InlineData("ünïcödé")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public void AnIdThatIsEmptyTooLongOrNotPlainIsNotTakenFromTheClient(string sent) =>
        Assert.False(RequestIds.IsWellFormed(sent));

    [Fact]
    public async Task WithoutAWellFormedIdFromTheProxyTheAppAnswersWithItsOwn()
    {
        await using var host = await ApiHost.StartAsync(TestDatabase.Sqlite);
        var client = host.ClientFor(null);
        client.DefaultRequestHeaders.Add(RequestIds.Header, new string('x', RequestIds.MaxLength + 1));

        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        var answered = response.Headers.GetValues(RequestIds.Header).Single();
        Assert.True(RequestIds.IsWellFormed(answered));
        Assert.NotEqual(new string('x', RequestIds.MaxLength + 1), answered);
    }

    private sealed record LogLine(string Category, IReadOnlyDictionary<string, object?> Scopes);

    private sealed class ScopeCapture : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<LogLine> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose() { }

        private sealed class Logger(ScopeCapture capture, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new Dictionary<string, object?>();
                capture._scopes.ForEachScope((scope, values) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
                        foreach (var (key, value) in pairs) values[key] = value;
                }, scopes);
                capture.Lines.Enqueue(new LogLine(category, scopes));
            }
        }
    }
}
