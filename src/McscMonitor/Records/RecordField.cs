using System.Globalization;
using McscMonitor.Core.Domain;
using McscMonitor.Web;

namespace McscMonitor.Records;

/// <summary>How a field is typed in; <see cref="LongText"/> is text of several lines (a recommendation, a note).</summary>
public enum FieldType { Text, LongText, Date, WholeNumber, Amount, Year, Choice, Answer }

/// <summary>
/// What a form, the template and the audit trail show of a field. <see cref="Name"/> is the
/// JSON name, so the write path's field errors land next to the input; its label is the text
/// <c>{prefix}.{name}</c>; its column in the exchange files is the same name in snake_case.
/// </summary>
/// <param name="Description">What the column holds, for the template's notes sheet and the README.</param>
public sealed record FormField(
    string Name, FieldType Type, bool Required = false, Func<IReadOnlyList<(string Value, string Label)>>? Options = null, string Description = "")
{
    public string Column { get; } = string.Concat(Name.Select(c => char.IsUpper(c) ? $"_{char.ToLowerInvariant(c)}" : c.ToString()));
}

/// <summary>
/// One field of a record type, declared once: how it is shown (<see cref="Form"/>), how its
/// value reads as text (a form's value, an exported cell), as JSON, how text becomes its value
/// (from a form, the API or an import row, through one <see cref="FieldReader"/>), and whether
/// it is part of what the record says about its year.
/// </summary>
public sealed record RecordField<TRecord>
{
    private readonly Func<TRecord, object?> _json;
    private readonly Func<TRecord, string?> _text;
    private readonly Action<FieldReader, TRecord> _read;
    private readonly Action<TRecord, TRecord> _copy;

    internal RecordField(
        FormField form, Func<TRecord, object?> json, Func<TRecord, string?> text, Action<FieldReader, TRecord> read, Action<TRecord, TRecord> copy)
    {
        Form = form;
        _json = json;
        _text = text;
        _read = read;
        _copy = copy;
    }

    public FormField Form { get; }

    public string Name => Form.Name;

    /// <summary>Part of the record's natural key (with its municipality): an import finds the stored record by it and never copies it over.</summary>
    public bool Key { get; init; }

    /// <summary>Personal data: erasing a member blanks it, and nothing written afterwards brings it back.</summary>
    public bool Personal { get; init; }

    /// <summary>
    /// Whether a change of it changes what the record says about its year (so it is refused in a
    /// closed year). True unless a field says otherwise; a test holds <c>YearContribution</c> to it.
    /// </summary>
    public bool CountsInYear { get; init; } = true;

    public object? Json(TRecord record) => _json(record);

    public string? Text(TRecord record) => _text(record);

    public void Read(FieldReader reader, TRecord record) => _read(reader, record);

    public void Copy(TRecord from, TRecord to) => _copy(from, to);
}

/// <summary>The kinds of field a record type is made of, each with its text, JSON and reading.</summary>
public static class Field<TRecord>
{
    private static RecordField<TRecord> Of<TValue>(
        FormField form, Func<TRecord, TValue> get, Action<TRecord, TValue> set, Func<TValue, object?> json, Func<TValue, string?> text,
        Func<FieldReader, FormField, TValue> read) =>
        new(form, record => json(get(record)), record => text(get(record)), (reader, record) => set(record, read(reader, form)),
            (from, to) => set(to, get(from)));

    public static RecordField<TRecord> Date(
        string name, Func<TRecord, DateOnly?> get, Action<TRecord, DateOnly?> set, bool required = false, string description = "YYYY-MM-DD") =>
        Of(new FormField(name, FieldType.Date, required, Description: description), get, set, value => value, value => IsoDate.Text(value),
            (reader, field) => reader.Date(field));

    public static RecordField<TRecord> Count(string name, Func<TRecord, int?> get, Action<TRecord, int?> set, string description) =>
        Of(new FormField(name, FieldType.WholeNumber, Description: description), get, set, value => value, Invariant,
            (reader, field) => reader.Count(field));

    public static RecordField<TRecord> Year(string name, Func<TRecord, int?> get, Action<TRecord, int?> set, string description = "YYYY") =>
        Of(new FormField(name, FieldType.Year, true, Description: description), get, set, value => value, Invariant,
            (reader, field) => reader.Year(field));

    public static RecordField<TRecord> Amount(string name, Func<TRecord, decimal?> get, Action<TRecord, decimal?> set, string description) =>
        Of(new FormField(name, FieldType.Amount, Description: description), get, set, value => value,
            value => value?.ToString("0.##", CultureInfo.InvariantCulture), (reader, field) => reader.Amount(field));

    public static RecordField<TRecord> Answer(string name, Func<TRecord, bool?> get, Action<TRecord, bool?> set, string description = "yes/no") =>
        Of(new FormField(name, FieldType.Answer, Description: description), get, set, value => value,
            value => value switch { true => "yes", false => "no", null => null }, (reader, field) => reader.Answer(field));

    /// <param name="labels">The prefix of the words for its codes (<c>status</c> for <c>status.held</c>), which an import also accepts.</param>
    /// <param name="options">What a form offers, when not every code with its word.</param>
    public static RecordField<TRecord> Choice<TEnum>(
        string name, Func<TRecord, TEnum?> get, Action<TRecord, TEnum?> set, string? labels, bool required = false,
        Func<IReadOnlyList<(string Value, string Label)>>? options = null, string? description = null)
        where TEnum : struct, Enum =>
        Of(new FormField(name, FieldType.Choice, required, options ?? (() => CodesOf<TEnum>(labels!)), description ?? string.Join(", ", Codes<TEnum>.All)),
            get, set, value => value is { } code ? Codes.ToCode(code) : null, value => value is { } code ? Codes.ToCode(code) : null,
            (reader, field) => reader.Code<TEnum>(field, labels));

    /// <param name="type">Text by default; <see cref="FieldType.LongText"/> for several lines, <see cref="FieldType.Choice"/> for a code the record type checks itself.</param>
    public static RecordField<TRecord> Text(
        string name, Func<TRecord, string?> get, Action<TRecord, string?> set, int maxLength, bool required = false, string description = "",
        FieldType type = FieldType.Text, Func<IReadOnlyList<(string Value, string Label)>>? options = null) =>
        Of(new FormField(name, type, required, options, description), get, set, value => value, value => value,
            (reader, field) => reader.Text(field, maxLength));

    /// <summary>Each code of an enum with its word in the reader's language.</summary>
    public static IReadOnlyList<(string Value, string Label)> CodesOf<TEnum>(string textPrefix) where TEnum : struct, Enum =>
        Codes<TEnum>.All.Select(code => (code, UiTexts.Current[$"{textPrefix}.{code}"])).ToList();

    private static string? Invariant(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
