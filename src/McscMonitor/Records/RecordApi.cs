using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using McscMonitor.Audit;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Refusal = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.NotFound, Microsoft.AspNetCore.Http.HttpResults.ForbidHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.ValidationProblem, Microsoft.AspNetCore.Http.HttpResults.StatusCodeHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.Conflict<Microsoft.AspNetCore.Mvc.ProblemDetails>>;

namespace McscMonitor.Records;

/// <summary>A record as the API shows it: its id, municipality, fields by name and version.</summary>
public sealed class RecordJson : Dictionary<string, object?>;

/// <summary>
/// CRUD over REST for one record type. Admins and monitors reach every municipality, a
/// municipal officer only their own. Updates and deletes need the row's ETag in If-Match, so
/// a stale edit is refused (412) instead of overwriting someone else's.
/// </summary>
public static class RecordApi
{
    public static IEndpointRouteBuilder MapRecords<TRecord>(this IEndpointRouteBuilder routes, RecordDefinition<TRecord> kind)
        where TRecord : EditableRecord
    {
        var plural = kind.Path;
        var group = routes.MapGroup($"/api/v1/{plural}").WithTags(plural).RequireAuthorization(RecordAccess.Policy);
        group.MapGet("/", (
                [AsParameters] RecordQuery query, McscDbContext db, ClaimsPrincipal user, CancellationToken token) =>
                ListAsync(kind, query, db, user, token))
            .WithName($"List-{plural}").WithSummary($"{plural}, a page at a time (filters: municipality, year).");
        group.MapGet("/{id:int}", (int id, McscDbContext db, ClaimsPrincipal user, HttpResponse response, CancellationToken token) =>
                GetAsync(kind, id, db, user, response, token))
            .WithName($"Get-{plural}").WithSummary("One record; its ETag is the version to send back when editing.");
        group.MapPost("/", (JsonElement input, McscDbContext db, ClaimsPrincipal user, HttpResponse response, CancellationToken token) =>
                CreateAsync(kind, input, db, user, response, token))
            .WithName($"Create-{plural}").WithSummary($"Records a new one: municipality, {string.Join(", ", kind.Fields.Select(f => f.Name))}.");
        group.MapPut("/{id:int}", (int id, JsonElement input, McscDbContext db, ClaimsPrincipal user, HttpRequest request, HttpResponse response,
                CancellationToken token) => UpdateAsync(kind, id, input, db, user, request, response, token))
            .WithName($"Update-{plural}").WithSummary("Changes one; needs If-Match with its ETag.");
        group.MapDelete("/{id:int}", (int id, string? reason, McscDbContext db, Attachments.IAttachmentStore store, AuditActor actor, ClaimsPrincipal user,
                HttpRequest request, CancellationToken token) => DeleteAsync(kind, id, reason, db, store, actor, user, request, token))
            .WithName($"Delete-{plural}")
            .WithSummary(kind.DeleteNeedsReason
                ? "Deletes one entered by mistake; needs If-Match with its ETag and a reason (?reason=…), which is audited."
                : "Deletes one; needs If-Match with its ETag.");
        return routes;
    }

    private static async Task<Results<Ok<PageOf<RecordJson>>, ValidationProblem>> ListAsync<TRecord>(
        RecordDefinition<TRecord> kind, RecordQuery query, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
        where TRecord : EditableRecord
    {
        if (query.Page is < 1 or > RecordQuery.LastPage || query.PageSize is < 1 or > RecordQuery.MaxPageSize)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["page"] = [Messages.Format("pageOutOfRange", ("last", RecordQuery.LastPage), ("size", RecordQuery.MaxPageSize))],
            });
        if (query.Year is < YearBounds.First or > YearBounds.Last)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["year"] = [RecordRules.NotAYear(query.Year.Value.ToString(CultureInfo.InvariantCulture))],
            });

        var rows = kind.Rows(db);
        if (RecordAccess.OnlyMunicipality(user) is { } own) rows = rows.Where(row => row.Municipality == own);
        var scope = RecordAccess.OnlyMunicipality(user);
        if (query.Municipality is not null)
        {
            var match = await db.MatchMunicipalityAsync(query.Municipality, cancellationToken);
            if (match.Municipality is null)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["municipality"] = [match.Describe(query.Municipality)] });
            rows = rows.Where(row => row.Municipality == match.Municipality.Code);
            scope ??= match.Municipality.Code;
        }
        if (query.Year is { } year) rows = kind.InYear(rows, year);

        var total = await rows.CountAsync(cancellationToken);
        var page = await kind.Order(rows).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        if (kind.HoldsPersonalData && page.Count > 0) await db.AuditMemberAccessAsync("view", scope, page.Count, cancellationToken);
        return TypedResults.Ok(new PageOf<RecordJson>(page.Select(kind.ToJson).ToList(), query.Page, query.PageSize, total));
    }

    private static async Task<Results<Ok<RecordJson>, NotFound, ForbidHttpResult>> GetAsync<TRecord>(
        RecordDefinition<TRecord> kind, int id, McscDbContext db, ClaimsPrincipal user, HttpResponse response,
        CancellationToken cancellationToken)
        where TRecord : EditableRecord
    {
        var row = await kind.Rows(db).FirstOrDefaultAsync(row => row.Record.Id == id, cancellationToken);
        if (row is null) return TypedResults.NotFound();
        if (!RecordAccess.CanAccess(user, row.Municipality)) return TypedResults.Forbid();
        if (kind.HoldsPersonalData) await db.AuditMemberAccessAsync("view", row.Municipality, 1, cancellationToken);
        response.Headers.ETag = ETag(row.Record.Version);
        return TypedResults.Ok(kind.ToJson(row));
    }

    private static async Task<Results<Created<RecordJson>, Refusal>> CreateAsync<TRecord>(
        RecordDefinition<TRecord> kind, JsonElement input, McscDbContext db, ClaimsPrincipal user, HttpResponse response,
        CancellationToken cancellationToken)
        where TRecord : EditableRecord
    {
        if (Text(input, out var unreadable) is not { } values) return Refused(new WriteResult(WriteStatus.Invalid, Errors: unreadable));
        var result = await RecordWriter.SaveAsync(kind, null, values, null, db, user, TodayFor(response.HttpContext), cancellationToken);
        if (result.Status != WriteStatus.Done) return Refused(result);
        var created = await kind.Rows(db).SingleAsync(row => row.Record.Id == result.Id, cancellationToken);
        response.Headers.ETag = ETag(created.Record.Version);
        return TypedResults.Created($"/api/v1/{kind.Path}/{result.Id}", kind.ToJson(created));
    }

    private static async Task<Results<Ok<RecordJson>, Refusal>> UpdateAsync<TRecord>(
        RecordDefinition<TRecord> kind, int id, JsonElement input, McscDbContext db, ClaimsPrincipal user,
        HttpRequest request, HttpResponse response, CancellationToken cancellationToken)
        where TRecord : EditableRecord
    {
        if (Text(input, out var unreadable) is not { } values) return Refused(new WriteResult(WriteStatus.Invalid, id, unreadable));
        var result = await RecordWriter.SaveAsync(kind, id, values, IfMatch(request), db, user, TodayFor(request.HttpContext), cancellationToken);
        if (result.Status != WriteStatus.Done) return Refused(result);
        var updated = await kind.Rows(db).SingleAsync(row => row.Record.Id == id, cancellationToken);
        response.Headers.ETag = ETag(updated.Record.Version);
        return TypedResults.Ok(kind.ToJson(updated));
    }

    private static async Task<Results<NoContent, Refusal>> DeleteAsync<TRecord>(
        RecordDefinition<TRecord> kind, int id, string? reason, McscDbContext db, Attachments.IAttachmentStore store, AuditActor actor,
        ClaimsPrincipal user, HttpRequest request, CancellationToken cancellationToken)
        where TRecord : EditableRecord
    {
        var result = await RecordWriter.DeleteAsync(kind, id, IfMatch(request), reason, db, store, actor, user, cancellationToken);
        if (result.Status != WriteStatus.Done) return Refused(result);
        return TypedResults.NoContent();
    }

    /// <summary>What the API answers to a write that was not done: the one mapping from a write's outcome to a status.</summary>
    private static Refusal Refused(WriteResult result) => result.Status switch
    {
        WriteStatus.NotFound => TypedResults.NotFound(),
        WriteStatus.Forbidden => TypedResults.Forbid(),
        WriteStatus.Invalid => TypedResults.ValidationProblem(result.Errors!),
        WriteStatus.Conflict or WriteStatus.Closed => Conflict(result.Detail!, result.ProblemType),
        WriteStatus.VersionRequired => TypedResults.StatusCode(StatusCodes.Status428PreconditionRequired),
        WriteStatus.Stale => TypedResults.StatusCode(StatusCodes.Status412PreconditionFailed),
        WriteStatus.Done => throw new ArgumentException("A write that was done is not refused.", nameof(result)),
    };

    /// <summary>
    /// A JSON body as the text of its fields, to be read as a form's are: a number or a date sent
    /// as a string is taken, a wrong value gets its field's error rather than a binding failure.
    /// Null, with the errors, for a body that is not one object or names a field twice.
    /// </summary>
    private static FormValues? Text(JsonElement input, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (input.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = [Messages.Current["jsonUnreadable"]];
            return null;
        }
        var values = new Dictionary<string, string?>();
        foreach (var property in input.EnumerateObject())
        {
            if (!values.TryAdd(property.Name, property.Value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.True => "yes",
                JsonValueKind.False => "no",
                _ => property.Value.GetRawText(),
            }))
                errors[property.Name] = [Messages.Current["jsonDuplicate"]];
        }
        return errors.Count > 0 ? null : new FormValues(values);
    }

    private static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private static long? IfMatch(HttpRequest request) =>
        long.TryParse(request.Headers.IfMatch.ToString().Trim().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;

    /// <summary>A write refused by what is stored (a taken key, a closed year): 409 with the sentence that says why.</summary>
    internal static Conflict<ProblemDetails> Conflict(string detail, string? type = null) =>
        TypedResults.Conflict(new ProblemDetails { Title = "Conflict", Detail = detail, Status = StatusCodes.Status409Conflict, Type = type });

    /// <summary>Today by the app's clock: what has not happened yet cannot be recorded as done.</summary>
    internal static DateOnly TodayFor(HttpContext context) => Today.Of(context.RequestServices.GetRequiredService<TimeProvider>());
}
