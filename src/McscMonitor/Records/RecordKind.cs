using McscMonitor.Core.Domain;
using McscMonitor.Data;

namespace McscMonitor.Records;

/// <summary>A record with the municipality it belongs to, in a shape EF can still filter and sort.</summary>
public sealed class Owned<T>
{
    public required T Record { get; init; }
    public required string Municipality { get; init; }
}

public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record RecordQuery(string? Municipality, int? Year, int Page = 1, int PageSize = 50)
{
    /// <summary>Far past any real list, and low enough that page × size never overflows.</summary>
    public const int LastPage = 1_000_000;

    public const int MaxPageSize = 500;
}

/// <summary>
/// The outcome of checking an input: field errors, or the municipality it belongs to and how
/// to write it onto a record; a conflict names a natural key that is already taken.
/// </summary>
public sealed record Checked<T>(Dictionary<string, string[]> Errors, string? Municipality = null, Action<T>? Apply = null, string? Conflict = null)
{
    public static Checked<T> Invalid(Dictionary<string, string[]> errors) => new(errors);
}

/// <summary>What differs between record types; <see cref="RecordApi"/> does the rest.</summary>
public abstract class RecordKind<TRecord, TDto, TInput> where TRecord : EditableRecord
{
    public abstract string Name { get; }

    /// <summary>A record to fill in with <see cref="Checked{T}.Apply"/>.</summary>
    public abstract TRecord Blank();

    public abstract IQueryable<Owned<TRecord>> Rows(McscDbContext db);
    public abstract IQueryable<Owned<TRecord>> InYear(IQueryable<Owned<TRecord>> rows, int year);
    public abstract IOrderedQueryable<Owned<TRecord>> Order(IQueryable<Owned<TRecord>> rows);
    public abstract TDto ToDto(Owned<TRecord> row);
    public abstract Task<Checked<TRecord>> CheckAsync(TInput input, McscDbContext db, int? id, DateOnly today, CancellationToken cancellationToken);

    /// <summary>
    /// For a record type that monitors keep (a recommendation and its status): the properties a
    /// municipal officer may change on a stored record; an officer may then neither create nor
    /// delete one. Null: an officer keeps their municipality's records like a monitor.
    /// </summary>
    public virtual IReadOnlySet<string>? OfficersMayChange => null;

    /// <summary>Whether a record holds personal data (a member): every view of one is audited.</summary>
    public virtual bool HoldsPersonalData => false;

    /// <summary>A record whose deletion must say why (a member: deleted only when entered by mistake; otherwise erased).</summary>
    public virtual bool DeleteNeedsReason => false;

    /// <summary>Why a record may not be deleted (say, a council that still has meetings), or null.</summary>
    public virtual Task<string?> DeleteBlockedAsync(TRecord record, McscDbContext db, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}
