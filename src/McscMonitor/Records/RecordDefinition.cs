using McscMonitor.Core.Domain;
using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;

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

/// <summary>A record type as other features read it without knowing its type: the audit trail labels and formats changes with its fields.</summary>
public interface IRecordDefinition
{
    /// <summary>The record type, whose name is the audit trail's entity name.</summary>
    Type RecordType { get; }

    /// <summary>The prefix of its texts: titles (<c>{prefix}.new</c>) and labels (<c>{prefix}.{field}</c>).</summary>
    string TextPrefix { get; }

    /// <summary>Where its records live: <c>/api/v1/{path}</c> and <c>/{path}/{id}/edit</c>.</summary>
    string Path { get; }

    IReadOnlyList<FormField> Fields { get; }

    /// <summary>Whether documents may be attached to its records as evidence (minutes, decisions, plans, payment proofs).</summary>
    bool TakesEvidence { get; }

    /// <summary>The municipality of one of its records, or null when there is no such record.</summary>
    Task<string?> MunicipalityOfAsync(int id, McscDbContext db, CancellationToken cancellationToken);

    /// <summary>One of its records as stored, or null; null too for one being deleted in the same save.</summary>
    Task<EditableRecord?> FindAsync(int id, McscDbContext db, CancellationToken cancellationToken);

    void Map(IEndpointRouteBuilder routes);
}

/// <summary>
/// Everything about one record type, in one place: its fields (labels, types, limits, exchange
/// columns, text and JSON forms, which of them make its natural key and which count in its
/// year), the rules between them, how it is found, listed and placed in its municipality, and
/// what its form adds. The REST API, the forms, the importer, the exporter, the template and
/// the audit trail read it; a new field is the entity, its line here, its texts and a migration.
/// </summary>
public abstract class RecordDefinition<TRecord> : IRecordDefinition where TRecord : EditableRecord
{
    public Type RecordType => typeof(TRecord);

    public abstract string Path { get; }

    public abstract string TextPrefix { get; }

    public abstract IReadOnlyList<RecordField<TRecord>> RecordFields { get; }

    public IReadOnlyList<FormField> Fields => field ??= [.. RecordFields.Select(recordField => recordField.Form)];

    /// <summary>
    /// Whether its records count in the figures of a year, so that a change to one is refused in a
    /// closed year (<c>YearContribution</c>); a recommendation is about a year, not part of it.
    /// </summary>
    public virtual bool PartOfTheFigures => true;

    /// <summary>A record to fill in.</summary>
    public abstract TRecord Blank();

    public abstract IQueryable<Owned<TRecord>> Rows(McscDbContext db);
    public abstract IQueryable<Owned<TRecord>> InYear(IQueryable<Owned<TRecord>> rows, int year);
    public abstract IOrderedQueryable<Owned<TRecord>> Order(IQueryable<Owned<TRecord>> rows);

    /// <summary>What is wrong between its fields (a date before another, more women than people), wherever it is written.</summary>
    /// <param name="today">What has not happened by then (a held meeting, an adoption, an appointment) is an error.</param>
    public virtual IEnumerable<(FormField Field, string? Problem)> Rules(TRecord record, DateOnly today) => [];

    /// <summary>
    /// Where a checked record goes in its municipality (its council, or the municipality itself),
    /// with the errors of a record that has no place there; null when it has none.
    /// </summary>
    public abstract Task<Action<TRecord>?> PlaceAsync(TRecord record, Municipality municipality, McscDbContext db, FieldErrors errors, CancellationToken cancellationToken);

    /// <summary>
    /// The municipality's council, for a record that belongs to one: <paramref name="problem"/>
    /// (say, a date outside the council's life) is an error on <paramref name="field"/>, or on the
    /// municipality when it has no council at all.
    /// </summary>
    protected static async Task<Council?> CouncilAsync(
        McscDbContext db, Municipality municipality, FieldErrors errors, string field, Func<Council?, string?> problem, CancellationToken cancellationToken)
    {
        var council = await db.Councils.AsNoTracking().FirstOrDefaultAsync(c => c.MunicipalityCode == municipality.Code, cancellationToken);
        errors.Add(council is null ? "municipality" : field, problem(council));
        return council;
    }

    /// <summary>The sentence that says another record (not <paramref name="id"/>) has the placed record's natural key, or null.</summary>
    public abstract Task<string?> TakenAsync(TRecord record, Municipality municipality, int? id, McscDbContext db, CancellationToken cancellationToken);

    /// <summary>Whether a record's personal data was erased: its <see cref="RecordField{TRecord}.Personal"/> fields are then never written again.</summary>
    public virtual bool Erased(TRecord record) => false;

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

    /// <summary>The fields read from text onto a blank record, and the rules between them: the same for a form, the API and an import row.</summary>
    public TRecord Read(FieldReader reader, DateOnly today)
    {
        var record = Blank();
        foreach (var field in RecordFields) field.Read(reader, record);
        foreach (var (field, problem) in Rules(record, today))
            if (problem is not null) reader.Error(field, problem);
        return record;
    }

    /// <summary>Writes every field of <paramref name="from"/> onto <paramref name="to"/>, keys too unless told, personal data only where not erased.</summary>
    public void Copy(TRecord from, TRecord to, bool keys = true)
    {
        var erased = Erased(to);
        foreach (var field in RecordFields.Where(field => (keys || !field.Key) && !(erased && field.Personal))) field.Copy(from, to);
    }

    /// <summary>A checked input: its fields, its municipality and place there, and whether its natural key is taken.</summary>
    public async Task<Checked<TRecord>> CheckAsync(FormValues input, McscDbContext db, int? id, DateOnly today, CancellationToken cancellationToken)
    {
        var reader = new NamedFieldReader(input);
        var candidate = Read(reader, today);
        var errors = reader.Fields;
        var municipality = await errors.MunicipalityAsync(db, input.Municipality, cancellationToken);
        var place = municipality is null || errors.Errors.Count > 0 ? null : await PlaceAsync(candidate, municipality, db, errors, cancellationToken);
        if (errors.Errors.Count > 0 || place is null) return Checked<TRecord>.Invalid(errors.Errors);

        place(candidate);
        var taken = await TakenAsync(candidate, municipality!, id, db, cancellationToken);
        return new Checked<TRecord>([], municipality!.Code, record =>
        {
            Copy(candidate, record);
            place(record);
        }, taken);
    }

    /// <summary>The record as the API shows it: its id, municipality, fields and version.</summary>
    public RecordJson ToJson(Owned<TRecord> row)
    {
        var json = new RecordJson { ["id"] = row.Record.Id, ["municipality"] = row.Municipality };
        foreach (var field in RecordFields) json[field.Name] = field.Json(row.Record);
        json["version"] = row.Record.Version;
        return json;
    }

    /// <summary>The record as a row of its exchange table: its municipality, then its fields as text.</summary>
    public string?[] ExchangeCells(string municipality, TRecord record) => [municipality, .. RecordFields.Select(field => field.Text(record))];

    /// <summary>The record's fields as text by name: what its form shows.</summary>
    public Dictionary<string, string?> ValuesOf(TRecord record) => RecordFields.ToDictionary(field => field.Name, field => field.Text(record));

    // What the record's form adds.

    /// <summary>Its REST API and its forms in the browser.</summary>
    public void Map(IEndpointRouteBuilder routes) => routes.MapRecords(this).MapRecordForms(this);

    public virtual bool TakesEvidence => false;

    public Task<string?> MunicipalityOfAsync(int id, McscDbContext db, CancellationToken cancellationToken) =>
        Rows(db).Where(row => row.Record.Id == id).Select(row => row.Municipality).FirstOrDefaultAsync(cancellationToken);

    public async Task<EditableRecord?> FindAsync(int id, McscDbContext db, CancellationToken cancellationToken) =>
        db.ChangeTracker.Entries<TRecord>().FirstOrDefault(entry => entry.Entity.Id == id) is { } tracked
            ? tracked.State == EntityState.Deleted ? null : tracked.Entity
            : await db.Set<TRecord>().AsNoTracking().FirstOrDefaultAsync(record => record.Id == id, cancellationToken);

    /// <summary>Choices that depend on the record being written (its municipality and year), in place of a field's fixed options.</summary>
    public virtual Task<IReadOnlyDictionary<string, IReadOnlyList<(string Value, string Label)>>> ChoicesAsync(
        FormValues values, McscDbContext db, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<(string Value, string Label)>>>(new Dictionary<string, IReadOnlyList<(string, string)>>());

    /// <summary>The notice the municipality page shows after a save: most records change its figures, some (recommendations) do not.</summary>
    public virtual Municipalities.PageNotice SavedNotice => Municipalities.PageNotice.Saved;

    /// <summary>What a new record's form starts with, besides its municipality.</summary>
    public virtual Dictionary<string, string?> Defaults(int year) => [];

    /// <summary>The year the record belongs to, to return to that year of the municipality page; null for a record that spans years.</summary>
    public abstract int? YearOf(FormValues values);
}
