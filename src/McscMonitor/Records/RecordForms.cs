using System.Globalization;
using System.Security.Claims;
using McscMonitor.Attachments;
using McscMonitor.Audit;
using McscMonitor.Core.Domain;
using McscMonitor.Data;
using McscMonitor.Municipalities;
using McscMonitor.Records.Pages;
using McscMonitor.Users;
using McscMonitor.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Records;

/// <summary>A record's form page: where it posts, its fields and values, and what went wrong with them.</summary>
/// <param name="DeleteAction">Null for a new record.</param>
/// <param name="Choices">Options that depend on the record, in place of a field's fixed ones.</param>
/// <param name="Evidence">The record's attachments; null for a new record or a type that takes none.</param>
/// <param name="Notice">What was just done to its evidence (<c>attached</c>, <c>deleted</c>).</param>
/// <param name="ClosedYear">What the stored record's closed year allows, when it counts in one (it can be neither deleted nor given or relieved of files now); null when it counts in none.</param>
public sealed record RecordFormModel(
    string Action, string? DeleteAction, string TextPrefix, IReadOnlyList<FormField> Fields, FormValues Values, bool DeleteNeedsReason,
    Dictionary<string, string[]> Errors, string? Message, IReadOnlyDictionary<string, IReadOnlyList<(string Value, string Label)>> Choices,
    IReadOnlyList<Attachments.Attachment>? Evidence = null, string? Notice = null, bool TakesEvidence = false, string? ClosedYear = null);

/// <summary>
/// Create, change and delete any record type in the browser, through the same write path as
/// the API (<see cref="RecordWriter"/>): the same scope, validation and stale-edit refusal.
/// </summary>
internal static class RecordForms
{
    public static IEndpointRouteBuilder MapRecordForms<TRecord>(this IEndpointRouteBuilder routes, RecordDefinition<TRecord> form)
        where TRecord : EditableRecord
    {
        var kind = form;
        var pages = routes.MapGroup("").RequireAuthorization(RecordAccess.Policy).ExcludeFromDescription();
        pages.MapGet($"/municipalities/{{code}}/{kind.Path}/new", async (string code, int? year, ClaimsPrincipal user, McscDbContext db, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            if (!RecordAccess.CanAccess(user, code)) return (IResult)TypedResults.Forbid();
            var values = form.Defaults(year ?? Today.Of(clock).Year);
            values["municipality"] = code;
            return await PageAsync(form, new FormValues(values), null, db, cancellationToken);
        });
        pages.MapGet($"/{kind.Path}/{{id:int}}/edit", (int id, string? evidence, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            EditPageAsync(form, id, db, user, cancellationToken, notice: evidence is "attached" or "deleted" ? evidence : null));
        pages.MapPost($"/{kind.Path}", (IFormCollection posted, McscDbContext db, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken) =>
            SaveAsync(form, null, Posted(posted), db, user, Today.Of(clock), cancellationToken));
        pages.MapPost($"/{kind.Path}/{{id:int}}", (int id, IFormCollection posted, McscDbContext db, ClaimsPrincipal user, TimeProvider clock,
                CancellationToken cancellationToken) =>
            SaveAsync(form, id, Posted(posted), db, user, Today.Of(clock), cancellationToken));
        pages.MapPost($"/{kind.Path}/{{id:int}}/delete", async (
            int id, IFormCollection posted, McscDbContext db, IAttachmentStore store, AuditActor actor, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            var values = Posted(posted);
            var result = await RecordWriter.DeleteAsync(kind, id, values.Version, values["reason"], db, store, actor, user, cancellationToken);
            return await AnswerAsync(form, result, values, id, PageNotice.Deleted, db, cancellationToken);
        });
        if (kind.TakesEvidence) MapEvidenceForms(pages, form);
        return routes;
    }

    /// <summary>Attaching and deleting files from the record's page, through the API's write path (<see cref="AttachmentWriter"/>).</summary>
    private static void MapEvidenceForms<TRecord>(RouteGroupBuilder pages, RecordDefinition<TRecord> form)
        where TRecord : EditableRecord
    {
        var limits = ((IEndpointRouteBuilder)pages).ServiceProvider.GetRequiredService<AttachmentLimits>();
        pages.MapPost($"/{form.Path}/{{id:int}}/attachments", async (int id, IFormCollection posted, McscDbContext db, IAttachmentStore store,
                AuditActor actor, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            {
                if (posted.Files["file"] is not { Length: > 0 } file)
                    return await EditPageAsync(form, id, db, user, cancellationToken, new() { ["file"] = [Core.Localization.Messages.Current["attachmentMissing"]] });
                var result = await AttachmentWriter.AttachAsync(form, id, file, posted["description"].ToString(), db, store, actor, user, limits, cancellationToken);
                return await EvidenceAnswerAsync(form, id, result, "attached", db, user, cancellationToken);
            })
            .AllowBody(limits.MaxFileBytes + RequestBodyLimit.DefaultBytes);
        pages.MapPost($"/{form.Path}/{{id:int}}/attachments/{{attachmentId:int}}/delete", async (int id, int attachmentId, IFormCollection posted, McscDbContext db,
                IAttachmentStore store, AuditActor actor, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            {
                var result = await AttachmentWriter.DeleteAsync(attachmentId, posted["reason"].ToString(), db, store, actor, user, cancellationToken, (form.Path, id));
                return await EvidenceAnswerAsync(form, id, result, "deleted", db, user, cancellationToken);
            });
    }

    private static async Task<IResult> EvidenceAnswerAsync<TRecord>(
        RecordDefinition<TRecord> form, int id, AttachmentResult result, string done, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
        where TRecord : EditableRecord => result.Status switch
        {
            WriteStatus.Done => TypedResults.LocalRedirect($"/{form.Path}/{id}/edit?evidence={done}#evidence"),
            WriteStatus.NotFound => TypedResults.NotFound(),
            WriteStatus.Forbidden => TypedResults.Forbid(),
            WriteStatus.Invalid => await EditPageAsync(form, id, db, user, cancellationToken, result.Errors),
            _ => await EditPageAsync(form, id, db, user, cancellationToken, message: result.Message),
        };

    /// <summary>A stored record's form, as it is now, with what went wrong with a step on its page.</summary>
    private static async Task<IResult> EditPageAsync<TRecord>(
        RecordDefinition<TRecord> form, int id, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken,
        Dictionary<string, string[]>? errors = null, string? message = null, string? notice = null)
        where TRecord : EditableRecord
    {
        var row = await form.Rows(db).FirstOrDefaultAsync(row => row.Record.Id == id, cancellationToken);
        if (row is null) return TypedResults.NotFound();
        if (!RecordAccess.CanAccess(user, row.Municipality)) return TypedResults.Forbid();
        if (form.HoldsPersonalData) await db.AuditMemberAccessAsync("view", row.Municipality, 1, cancellationToken);
        var values = form.ValuesOf(row.Record);
        values["municipality"] = row.Municipality;
        values["version"] = row.Record.Version.ToString(CultureInfo.InvariantCulture);
        return await PageAsync(form, new FormValues(values), id, db, cancellationToken, errors, message, notice, row);
    }

    private static async Task<IResult> SaveAsync<TRecord>(
        RecordDefinition<TRecord> form, int? id, FormValues values, McscDbContext db, ClaimsPrincipal user, DateOnly today,
        CancellationToken cancellationToken)
        where TRecord : EditableRecord
    {
        var result = await RecordWriter.SaveAsync(form, id, values, values.Version, db, user, today, cancellationToken);
        return await AnswerAsync(form, result, values, id, form.SavedNotice, db, cancellationToken);
    }

    /// <summary>
    /// What a form answers to a write: back to the municipality's page with <paramref name="done"/>
    /// when it was done, else the form again with what stopped it. The one mapping for every form.
    /// </summary>
    private static async Task<IResult> AnswerAsync<TRecord>(
        RecordDefinition<TRecord> form, WriteResult result, FormValues values, int? id, PageNotice done, McscDbContext db, CancellationToken cancellationToken)
        where TRecord : EditableRecord => result.Status switch
        {
            WriteStatus.Done => TypedResults.LocalRedirect(BackTo(form, values, done)),
            WriteStatus.Forbidden => TypedResults.Forbid(),
            WriteStatus.NotFound => TypedResults.NotFound(),
            WriteStatus.Invalid => await PageAsync(form, values, id, db, cancellationToken, result.Errors),
            WriteStatus.Conflict or WriteStatus.Closed => await PageAsync(form, values, id, db, cancellationToken, message: result.Detail),
            WriteStatus.Stale or WriteStatus.VersionRequired =>
                await PageAsync(form, values, id, db, cancellationToken, message: UiTexts.Current[done == PageNotice.Deleted ? "form.staleDelete" : "form.stale"]),
        };

    private static FormValues Posted(IFormCollection posted) =>
        new(posted.Keys.Where(key => !key.StartsWith("__", StringComparison.Ordinal)).ToDictionary(key => key, key => (string?)posted[key].ToString()));

    /// <summary>Back to the municipality's page for the record's year, which confirms what was done.</summary>
    private static string BackTo<TRecord>(RecordDefinition<TRecord> form, FormValues values, PageNotice done)
        where TRecord : EditableRecord =>
        PageNotices.PageOf(values.Municipality ?? "", form.YearOf(values), done);

    /// <param name="stored">The stored record as the caller has just read it; read here when <paramref name="id"/> names one and it is null.</param>
    private static async Task<RazorComponentResult<RecordFormView>> PageAsync<TRecord>(
        RecordDefinition<TRecord> form, FormValues values, int? id, McscDbContext db, CancellationToken cancellationToken,
        Dictionary<string, string[]>? errors = null, string? message = null, string? notice = null, Owned<TRecord>? stored = null)
        where TRecord : EditableRecord
    {
        if (id is { } storedId && stored is null)
            stored = await form.Rows(db).AsNoTracking().FirstOrDefaultAsync(row => row.Record.Id == storedId, cancellationToken);
        // The stored record's closed year, not the posted one's: a form may be moving it.
        var closedYear = stored is null ? null : await Approvals.YearGuard.ClosedYearOfAsync(stored.Record, stored.Municipality, db, cancellationToken);
        return PageResult.For<RecordFormView, RecordFormModel>(new RecordFormModel(
            id is null ? $"/{form.Path}" : $"/{form.Path}/{id}",
            id is null ? null : $"/{form.Path}/{id}/delete",
            form.TextPrefix,
            form.Fields,
            values,
            form.DeleteNeedsReason,
            errors ?? [],
            message,
            await form.ChoicesAsync(values, db, cancellationToken),
            id is { } withEvidence && form.TakesEvidence
                ? await db.Attachments.AsNoTracking().Where(a => a.RecordPath == form.Path && a.RecordId == withEvidence).OrderBy(a => a.Id).ToListAsync(cancellationToken)
                : null,
            notice,
            form.TakesEvidence,
            closedYear is null ? null : UiTexts.Current.Format("form.closedYear",
                ("name", Approvals.YearNotEditableException.NameOf(closedYear.MunicipalityCode)), ("year", closedYear.Year),
                ("state", Approvals.YearNotEditableException.StateOf(closedYear.State)))));
    }
}
