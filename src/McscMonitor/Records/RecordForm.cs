using McscMonitor.Core.Domain;
using McscMonitor.Web;

namespace McscMonitor.Records;

/// <summary>A record type's form as other features read it: the audit trail labels and formats changes with its fields.</summary>
public interface IRecordForm
{
    /// <summary>The record type, whose name is the audit trail's entity name.</summary>
    Type RecordType { get; }

    /// <summary>The prefix of this form's texts: titles (<c>{prefix}.new</c>) and labels (<c>{prefix}.{field}</c>).</summary>
    string TextPrefix { get; }

    /// <summary>Where its records' pages live: <c>/{path}/{id}/edit</c>.</summary>
    string Path { get; }

    IReadOnlyList<FormField> Fields { get; }

    void Map(IEndpointRouteBuilder routes);
}

/// <summary>What a record type's form adds to its <see cref="RecordKind{TRecord,TDto,TInput}"/>: its fields and how text becomes input.</summary>
public abstract class RecordForm<TRecord, TDto, TInput>(RecordKind<TRecord, TDto, TInput> kind) : IRecordForm where TRecord : EditableRecord
{
    public RecordKind<TRecord, TDto, TInput> Kind { get; } = kind;

    public Type RecordType => typeof(TRecord);

    public string Path => Kind.Name;

    public abstract string TextPrefix { get; }

    public abstract IReadOnlyList<FormField> Fields { get; }

    public void Map(IEndpointRouteBuilder routes) => routes.MapRecordForms(this);

    /// <summary>Choices that depend on the record being written (its municipality and year), in place of a field's fixed options.</summary>
    public virtual Task<IReadOnlyDictionary<string, IReadOnlyList<(string Value, string Label)>>> ChoicesAsync(
        FormValues values, Data.McscDbContext db, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<(string Value, string Label)>>>(new Dictionary<string, IReadOnlyList<(string, string)>>());

    /// <summary>The notice the municipality page shows after a save: most records change its figures, some (recommendations) do not.</summary>
    public virtual string SavedNotice => "saved";

    /// <summary>What a new record's form starts with, besides its municipality.</summary>
    public virtual Dictionary<string, string?> Defaults(int year) => [];

    public abstract Dictionary<string, string?> ValuesOf(TDto record);

    public abstract TInput Read(FormValues values);

    /// <summary>The year the record belongs to, to return to that year of the municipality page.</summary>
    public abstract int? YearOf(FormValues values);

    public static IReadOnlyList<(string Value, string Label)> CodesOf<TEnum>(string textPrefix) where TEnum : struct, Enum =>
        Codes<TEnum>.All.Select(code => (code, UiTexts.Current[$"{textPrefix}.{code}"])).ToList();
}
