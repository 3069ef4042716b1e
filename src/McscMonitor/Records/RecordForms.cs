using System.Globalization;
using System.Security.Claims;
using McscMonitor.Audit;
using McscMonitor.Core.Domain;
using McscMonitor.Data;
using McscMonitor.Records.Pages;
using McscMonitor.Users;
using McscMonitor.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using McscMonitor.Core.Localization;

namespace McscMonitor.Records;

public enum FieldType { Text, Date, WholeNumber, Amount, Year, Choice, Answer }

/// <summary>
/// One field of a record form. <see cref="Name"/> is the input's JSON name, so the write
/// path's field errors land next to it; its label is the text <c>{kind}.{name}</c>.
/// </summary>
public sealed record FormField(string Name, FieldType Type, bool Required = false, Func<IReadOnlyList<(string Value, string Label)>>? Options = null);

/// <summary>
/// A form as posted: every value is text, so that what someone typed is shown back with its
/// error instead of being lost to a binding failure. Reading a value that is not what the
/// field expects notes an error in the reader's language.
/// </summary>
public sealed class FormValues(IReadOnlyDictionary<string, string?> values)
{
    public Dictionary<string, string[]> Errors { get; } = [];

    public IReadOnlyDictionary<string, string?> All => values;

    public string? this[string name] => values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public string? Municipality => this["municipality"];

    public long? Version => long.TryParse(this["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;

    public DateOnly? Date(string name) => Read<DateOnly>(name, "notIsoDate", IsoDate.TryParse);

    public int? WholeNumber(string name) => Read(name, "notWholeNumber", (string text, out int number) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number));

    /// <summary>Either decimal mark is accepted: people type amounts as their keyboard and habit has it.</summary>
    public decimal? Amount(string name) => Read(name, "notAmount", (string text, out decimal amount) =>
        decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out amount));

    /// <summary>Yes, no, or not recorded: unknown is not "no".</summary>
    public bool? Answer(string name) => this[name] switch { "yes" => true, "no" => false, _ => null };

    public static string Answer(bool? value) => value switch { true => "yes", false => "no", null => "" };

    public static string? Invariant(IFormattable? value) => value?.ToString(null, CultureInfo.InvariantCulture);

    private delegate bool Parser<T>(string text, out T value);

    private T? Read<T>(string name, string problemKey, Parser<T> parse) where T : struct
    {
        if (this[name] is not { } text) return null;
        if (parse(text, out var value)) return value;
        Errors.TryAdd(name, [Messages.Format(problemKey, ("value", text))]);
        return null;
    }
}

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

    /// <summary>What a new record's form starts with, besides its municipality.</summary>
    public virtual Dictionary<string, string?> Defaults(int year) => [];

    public abstract Dictionary<string, string?> ValuesOf(TDto record);

    public abstract TInput Read(FormValues values);

    /// <summary>The year the record belongs to, to return to that year of the municipality page.</summary>
    public abstract int? YearOf(FormValues values);

    public static IReadOnlyList<(string Value, string Label)> CodesOf<TEnum>(string textPrefix) where TEnum : struct, Enum =>
        Codes<TEnum>.All.Select(code => (code, UiTexts.Current[$"{textPrefix}.{code}"])).ToList();
}

/// <summary>
/// Create, change and delete any record type in the browser, through the same write path as
/// the API (<see cref="RecordWriter"/>): the same scope, validation and stale-edit refusal.
/// </summary>
internal static class RecordForms
{
    /// <summary>Every record type that has a form in the browser.</summary>
    public static readonly IReadOnlyList<IRecordForm> All =
    [
        new Councils.CouncilForm(), new Members.MemberForm(), new Meetings.MeetingForm(), new WorkPlans.WorkPlanForm(),
        new Compensations.CompensationForm(), new FollowUp.RecommendationForm(),
    ];

    public static IRecordForm? For(string entity) => All.FirstOrDefault(form => form.RecordType.Name == entity);

    public static IEndpointRouteBuilder MapRecordForms<TRecord, TDto, TInput>(
        this IEndpointRouteBuilder routes, RecordForm<TRecord, TDto, TInput> form)
        where TRecord : EditableRecord
    {
        var kind = form.Kind;
        var pages = routes.MapGroup("").RequireAuthorization(RecordAccess.Policy).ExcludeFromDescription();
        pages.MapGet($"/municipalities/{{code}}/{kind.Name}/new", (string code, int? year, ClaimsPrincipal user) =>
        {
            if (!RecordAccess.CanAccess(user, code)) return (IResult)TypedResults.Forbid();
            var values = form.Defaults(year ?? DateTime.Today.Year);
            values["municipality"] = code;
            return Page(form, new FormValues(values), null);
        });
        pages.MapGet($"/{kind.Name}/{{id:int}}/edit", async (int id, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            var row = await kind.Rows(db).FirstOrDefaultAsync(row => row.Record.Id == id, cancellationToken);
            if (row is null) return (IResult)TypedResults.NotFound();
            if (!RecordAccess.CanAccess(user, row.Municipality)) return TypedResults.Forbid();
            var values = form.ValuesOf(kind.ToDto(row));
            values["municipality"] = row.Municipality;
            values["version"] = row.Record.Version.ToString(CultureInfo.InvariantCulture);
            return Page(form, new FormValues(values), id);
        });
        pages.MapPost($"/{kind.Name}", (IFormCollection posted, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            SaveAsync(form, null, Posted(posted), db, user, cancellationToken));
        pages.MapPost($"/{kind.Name}/{{id:int}}", (int id, IFormCollection posted, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            SaveAsync(form, id, Posted(posted), db, user, cancellationToken));
        pages.MapPost($"/{kind.Name}/{{id:int}}/delete", async (
            int id, IFormCollection posted, McscDbContext db, AuditActor actor, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            var values = Posted(posted);
            var result = await RecordWriter.DeleteAsync(kind, id, values.Version, values["reason"], db, actor, user, cancellationToken);
            return result.Status switch
            {
                WriteStatus.Done => (IResult)TypedResults.LocalRedirect(BackTo(form, values, "deleted")),
                WriteStatus.Forbidden => TypedResults.Forbid(),
                WriteStatus.NotFound => TypedResults.NotFound(),
                WriteStatus.Conflict or WriteStatus.Closed => Page(form, values, id, message: result.Detail),
                WriteStatus.Invalid => Page(form, values, id, result.Errors),
                _ => Page(form, values, id, message: UiTexts.Current["form.staleDelete"]),
            };
        });
        return routes;
    }

    private static async Task<IResult> SaveAsync<TRecord, TDto, TInput>(
        RecordForm<TRecord, TDto, TInput> form, int? id, FormValues values, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
        where TRecord : EditableRecord
    {
        var input = form.Read(values);
        if (values.Errors.Count > 0) return Page(form, values, id, values.Errors);

        var result = await RecordWriter.SaveAsync(form.Kind, id, input, values.Version, db, user, cancellationToken);
        return result.Status switch
        {
            WriteStatus.Done => TypedResults.LocalRedirect(BackTo(form, values, "saved")),
            WriteStatus.Forbidden => TypedResults.Forbid(),
            WriteStatus.NotFound => TypedResults.NotFound(),
            WriteStatus.Invalid => Page(form, values, id, result.Errors),
            WriteStatus.Conflict or WriteStatus.Closed => Page(form, values, id, message: result.Detail),
            _ => Page(form, values, id, message: UiTexts.Current["form.stale"]),
        };
    }

    private static FormValues Posted(IFormCollection posted) =>
        new(posted.Keys.Where(key => !key.StartsWith("__", StringComparison.Ordinal)).ToDictionary(key => key, key => (string?)posted[key].ToString()));

    /// <summary>Back to the municipality's page for the record's year, which confirms what was done.</summary>
    private static string BackTo<TRecord, TDto, TInput>(RecordForm<TRecord, TDto, TInput> form, FormValues values, string done)
        where TRecord : EditableRecord
    {
        var year = form.YearOf(values) is { } known ? $"year={known.ToString(CultureInfo.InvariantCulture)}&" : "";
        return $"/municipalities/{Uri.EscapeDataString(values.Municipality ?? "")}?{year}changed={done}";
    }

    private static RazorComponentResult<RecordFormView> Page<TRecord, TDto, TInput>(
        RecordForm<TRecord, TDto, TInput> form, FormValues values, int? id, Dictionary<string, string[]>? errors = null, string? message = null)
        where TRecord : EditableRecord =>
        new(new
        {
            Action = id is null ? $"/{form.Kind.Name}" : $"/{form.Kind.Name}/{id}",
            DeleteAction = id is null ? null : $"/{form.Kind.Name}/{id}/delete",
            form.TextPrefix,
            form.Fields,
            Values = values,
            IsNew = id is null,
            DeleteNeedsReason = form.Kind.DeleteNeedsReason,
            Errors = errors ?? [],
            Message = message,
        });
}
