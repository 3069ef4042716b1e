using System.Security.Claims;
using McscMonitor.Audit;
using McscMonitor.Data;
using McscMonitor.Records;
using McscMonitor.Users;
using McscMonitor.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Attachments;

/// <summary>What an attachment looks like in the API.</summary>
public sealed record AttachmentJson(
    int Id, string Record, int RecordId, string FileName, string ContentType, long Size, string Sha256, string? Description,
    string UploadedBy, DateTime UploadedAtUtc, string Download)
{
    public static AttachmentJson Of(Attachment a) => new(
        a.Id, a.RecordPath, a.RecordId, a.FileName, a.ContentType, a.Size, a.Sha256, a.Description, a.UploadedBy, a.UploadedAtUtc,
        $"/api/v1/attachments/{a.Id}");
}

/// <summary>Limits on evidence: per file, per record and per municipality (`Attachments:MaxFileMegabytes`, `…:MaxRecordMegabytes`, `…:MaxMunicipalityMegabytes`).</summary>
public sealed record AttachmentLimits(int MaxFileMegabytes = 10, int MaxRecordMegabytes = 50, int MaxMunicipalityMegabytes = 2048)
{
    public long MaxFileBytes => MaxFileMegabytes * 1024L * 1024;

    public long MaxRecordBytes => MaxRecordMegabytes * 1024L * 1024;

    public long MaxMunicipalityBytes => MaxMunicipalityMegabytes * 1024L * 1024;

    public static AttachmentLimits From(IConfiguration configuration) => new(
        configuration.GetValue("Attachments:MaxFileMegabytes", 10), configuration.GetValue("Attachments:MaxRecordMegabytes", 50),
        configuration.GetValue("Attachments:MaxMunicipalityMegabytes", 2048));
}

/// <summary>
/// Evidence on records through the API: upload (multipart) and list under the record, download and
/// delete (with a reason) by the attachment's id. Staff only, each within the records they may
/// reach; every upload, staff download and delete is in the audit trail.
/// </summary>
public static class AttachmentEndpoints
{
    /// <summary>Served as a download that nothing may run: no script, no plugin, no frame, not even a style.</summary>
    public const string DownloadPolicy = "default-src 'none'; sandbox";

    public static IEndpointRouteBuilder MapAttachments(this IEndpointRouteBuilder routes)
    {
        var limits = routes.ServiceProvider.GetRequiredService<AttachmentLimits>();
        foreach (var kind in RecordDefinitions.All.Where(definition => definition.TakesEvidence))
        {
            var group = routes.MapGroup($"/api/v1/{kind.Path}/{{id:int}}/attachments").WithTags("Attachments").RequireAuthorization(RecordAccess.Policy);
            group.MapPost("/", (int id, IFormFile file, [Microsoft.AspNetCore.Mvc.FromForm] string? description, McscDbContext db,
                    IAttachmentStore store, AuditActor actor, ClaimsPrincipal user, CancellationToken token) =>
                    UploadAsync(kind, id, file, description, db, store, actor, user, limits, token))
                .DisableAntiforgery().AllowBody(limits.MaxFileBytes + RequestBodyLimit.DefaultBytes)
                .WithName($"Attach-{kind.Path}")
                .WithSummary("Attaches a document as evidence (PDF, PNG, JPEG, DOCX, XLSX or ODT, recognised by its content): multipart, `file` and an optional `description`.");
            group.MapGet("/", (int id, McscDbContext db, ClaimsPrincipal user, CancellationToken token) => ListAsync(kind, id, db, user, token))
                .WithName($"Attachments-{kind.Path}").WithSummary("The record's evidence.");
        }
        var attachments = routes.MapGroup("/api/v1/attachments").WithTags("Attachments").RequireAuthorization(RecordAccess.Policy);
        attachments.MapGet("/{id:int}", DownloadAsync).WithName("Download-attachment").Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .WithSummary("The file, as a download; never shown in the browser.");
        attachments.MapDelete("/{id:int}", DeleteAsync).WithName("Delete-attachment")
            .WithSummary("Deletes an attachment; needs a reason (?reason=…), which is audited.");
        return routes;
    }

    private static async Task<Results<Created<AttachmentJson>, NotFound, ForbidHttpResult, ValidationProblem, Conflict<ProblemDetails>>> UploadAsync(
        IRecordDefinition kind, int id, IFormFile file, string? description, McscDbContext db, IAttachmentStore store, AuditActor actor,
        ClaimsPrincipal user, AttachmentLimits limits, CancellationToken cancellationToken)
    {
        var result = await AttachmentWriter.AttachAsync(kind, id, file, description, db, store, actor, user, limits, cancellationToken);
        return result.Status switch
        {
            WriteStatus.Done => TypedResults.Created($"/api/v1/attachments/{result.Attachment!.Id}", AttachmentJson.Of(result.Attachment)),
            WriteStatus.NotFound => TypedResults.NotFound(),
            WriteStatus.Forbidden => TypedResults.Forbid(),
            WriteStatus.Closed => RecordApi.Conflict(result.Message!, result.ProblemType),
            _ => TypedResults.ValidationProblem(result.Errors),
        };
    }

    private static async Task<Results<Ok<List<AttachmentJson>>, NotFound, ForbidHttpResult>> ListAsync(
        IRecordDefinition kind, int id, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await kind.MunicipalityOfAsync(id, db, cancellationToken) is not { } municipality) return TypedResults.NotFound();
        if (!RecordAccess.CanAccess(user, municipality)) return TypedResults.Forbid();
        var list = await db.Attachments.AsNoTracking().Where(a => a.RecordPath == kind.Path && a.RecordId == id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(AttachmentJson.Of).ToList());
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ForbidHttpResult>> DownloadAsync(
        int id, McscDbContext db, IAttachmentStore store, AuditActor actor, ClaimsPrincipal user, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } attachment) return TypedResults.NotFound();
        if (!RecordAccess.CanAccess(user, attachment.MunicipalityCode)) return TypedResults.Forbid();
        if (await store.ReadAsync(attachment.Sha256, cancellationToken) is not { } content) return TypedResults.NotFound();
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAtUtc = actor.Clock.GetUtcNow().UtcDateTime, Actor = actor.Name, Action = DownloadAction, Entity = nameof(Attachment),
            EntityKey = attachment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), MunicipalityCode = attachment.MunicipalityCode,
            Changes = AuditTrail.Serialize(new Dictionary<string, object?> { [nameof(Attachment.FileName)] = new { old = (string?)null, @new = attachment.FileName } }),
        });
        await db.SaveChangesAsync(cancellationToken);
        response.Headers.ContentSecurityPolicy = DownloadPolicy;
        response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(content, attachment.ContentType, attachment.FileName);
    }

    public const string DownloadAction = "download";

    private static async Task<Results<NoContent, NotFound, ForbidHttpResult, ValidationProblem, Conflict<ProblemDetails>>> DeleteAsync(
        int id, string? reason, McscDbContext db, IAttachmentStore store, AuditActor actor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await AttachmentWriter.DeleteAsync(id, reason, db, store, actor, user, cancellationToken);
        return result.Status switch
        {
            WriteStatus.Done => TypedResults.NoContent(),
            WriteStatus.NotFound => TypedResults.NotFound(),
            WriteStatus.Forbidden => TypedResults.Forbid(),
            WriteStatus.Closed => RecordApi.Conflict(result.Message!, result.ProblemType),
            _ => TypedResults.ValidationProblem(result.Errors),
        };
    }
}
