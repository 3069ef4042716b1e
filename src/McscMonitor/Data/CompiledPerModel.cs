using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Metadata;

namespace McscMonitor.Data;

/// <summary>
/// A query compiled once for each model it meets (<c>EF.CompileAsyncQuery</c>): a compiled
/// query may only run against the model it was first run with, and each provider has a model of
/// its own, so a process that opens both (the tests) keeps one for each.
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _compiled = new();

    public TQuery For(McscDbContext db) => _compiled.GetOrAdd(db.Model, _ => compile());
}
