using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace McscMonitor.Data;

/// <summary>
/// Counts the SQL statements EF Core sends to one database (its file or name, as its connection
/// string holds it), from EF Core's diagnostic events, so a test or a benchmark can say
/// how many statements a page costs without changing how the app is built.
/// </summary>
public sealed class StatementCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _database;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _texts = new();

    public StatementCounter(string database)
    {
        _database = database;
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public int Count => _texts.Count;

    /// <summary>The statements sent while <paramref name="work"/> ran, their SQL in the order sent.</summary>
    public async Task<IReadOnlyList<string>> RecordAsync(Func<Task> work)
    {
        var before = Count;
        await work();
        return [.. _texts.Skip(before)];
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData executed
            && executed.Command.Connection?.ConnectionString.Contains(_database, StringComparison.Ordinal) == true)
            _texts.Enqueue(executed.Command.CommandText);
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions) subscription.Dispose();
            _subscriptions.Clear();
        }
    }
}
