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

namespace McscMonitor.Records;

/// <summary>A record's form page: where it posts, its fields and values, and what went wrong with them.</summary>
/// <param name="DeleteAction">Null for a new record.</param>
/// <param name="Choices">Options that depend on the record, in place of a field's fixed ones.</param>
public sealed record RecordFormModel(
    string Action, string? DeleteAction, string TextPrefix, IReadOnlyList<FormField> Fields, FormValues Values, bool DeleteNeedsReason,
    Dictionary<string, string[]> Errors, string? Message, IReadOnlyDictionary<string, IReadOnlyList<(string Value, string Label)>> Choices);

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
        pages.MapGet($"/municipalities/{{code}}/{kind.Name}/new", async (string code, int? year, ClaimsPrincipal user, McscDbContext db, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            if (!RecordAccess.CanAccess(user, code)) return (IResult)TypedResults.Forbid();
            var values = form.Defaults(year ?? Today.Of(clock).Year);
            values["municipality"] = code;
            return await PageAsync(form, new FormValues(values), null, db, cancellationToken);
        });
        pages.MapGet($"/{kind.Name}/{{id:int}}/edit", async (int id, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            var row = await kind.Rows(db).FirstOrDefaultAsync(row => row.Record.Id == id, cancellationToken);
            if (row is null) return (IResult)TypedResults.NotFound();
            if (!RecordAccess.CanAccess(user, row.Municipality)) return TypedResults.Forbid();
            if (kind.HoldsPersonalData) await db.AuditMemberAccessAsync("view", row.Municipality, 1, cancellationToken);
            var values = form.ValuesOf(kind.ToDto(row));
            values["municipality"] = row.Municipality;
            values["version"] = row.Record.Version.ToString(CultureInfo.InvariantCulture);
            return await PageAsync(form, new FormValues(values), id, db, cancellationToken);
        });
        pages.MapPost($"/{kind.Name}", (IFormCollection posted, McscDbContext db, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken) =>
            SaveAsync(form, null, Posted(posted), db, user, Today.Of(clock), cancellationToken));
        pages.MapPost($"/{kind.Name}/{{id:int}}", (int id, IFormCollection posted, McscDbContext db, ClaimsPrincipal user, TimeProvider clock,
                CancellationToken cancellationToken) =>
            SaveAsync(form, id, Posted(posted), db, user, Today.Of(clock), cancellationToken));
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
                WriteStatus.Conflict or WriteStatus.Closed => await PageAsync(form, values, id, db, cancellationToken, message: result.Detail),
                WriteStatus.Invalid => await PageAsync(form, values, id, db, cancellationToken, result.Errors),
                _ => await PageAsync(form, values, id, db, cancellationToken, message: UiTexts.Current["form.staleDelete"]),
            };
        });
        return routes;
    }

    private static async Task<IResult> SaveAsync<TRecord, TDto, TInput>(
        RecordForm<TRecord, TDto, TInput> form, int? id, FormValues values, McscDbContext db, ClaimsPrincipal user, DateOnly today,
        CancellationToken cancellationToken)
        where TRecord : EditableRecord
    {
        var input = form.Read(values);
        if (values.Errors.Count > 0) return await PageAsync(form, values, id, db, cancellationToken, values.Errors);

        var result = await RecordWriter.SaveAsync(form.Kind, id, input, values.Version, db, user, today, cancellationToken);
        return result.Status switch
        {
            WriteStatus.Done => TypedResults.LocalRedirect(BackTo(form, values, form.SavedNotice)),
            WriteStatus.Forbidden => TypedResults.Forbid(),
            WriteStatus.NotFound => TypedResults.NotFound(),
            WriteStatus.Invalid => await PageAsync(form, values, id, db, cancellationToken, result.Errors),
            WriteStatus.Conflict or WriteStatus.Closed => await PageAsync(form, values, id, db, cancellationToken, message: result.Detail),
            _ => await PageAsync(form, values, id, db, cancellationToken, message: UiTexts.Current["form.stale"]),
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

    private static async Task<RazorComponentResult<RecordFormView>> PageAsync<TRecord, TDto, TInput>(
        RecordForm<TRecord, TDto, TInput> form, FormValues values, int? id, McscDbContext db, CancellationToken cancellationToken,
        Dictionary<string, string[]>? errors = null, string? message = null)
        where TRecord : EditableRecord =>
        PageResult.For<RecordFormView, RecordFormModel>(new RecordFormModel(
            id is null ? $"/{form.Kind.Name}" : $"/{form.Kind.Name}/{id}",
            id is null ? null : $"/{form.Kind.Name}/{id}/delete",
            form.TextPrefix,
            form.Fields,
            values,
            form.Kind.DeleteNeedsReason,
            errors ?? [],
            message,
            await form.ChoicesAsync(values, db, cancellationToken)));
}
