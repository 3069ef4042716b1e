using System.Globalization;
using System.Security.Claims;
using McscMonitor.Audit;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Records;

/// <summary>
/// CRUD over REST for one record type. Admins and monitors reach every municipality, a
/// municipal officer only their own. Updates and deletes need the row's ETag in If-Match, so
/// a stale edit is refused (412) instead of overwriting someone else's.
/// </summary>
public static class RecordApi
{
    public static IEndpointRouteBuilder MapRecords<TRecord, TDto, TInput>(
        this IEndpointRouteBuilder routes, RecordKind<TRecord, TDto, TInput> kind)
        where TRecord : EditableRecord
    {
        var plural = kind.Name;
        var group = routes.MapGroup($"/api/v1/{plural}").WithTags(plural).RequireAuthorization(RecordAccess.Policy);
        group.MapGet("/", (
                [AsParameters] RecordQuery query, McscDbContext db, ClaimsPrincipal user, CancellationToken token) =>
                ListAsync(kind, query, db, user, token))
            .WithName($"List-{plural}").WithSummary($"{plural}, a page at a time (filters: municipality, year).");
        group.MapGet("/{id:int}", (int id, McscDbContext db, ClaimsPrincipal user, HttpResponse response, CancellationToken token) =>
                GetAsync(kind, id, db, user, response, token))
            .WithName($"Get-{plural}").WithSummary("One record; its ETag is the version to send back when editing.");
        // The handlers that take the record type's input are built as delegates first: ASP.NET's route
        // analyzer cannot read a lambda whose parameter is a type parameter (it fails with AD0001).
        Delegate create = (TInput input, McscDbContext db, ClaimsPrincipal user, HttpResponse response, CancellationToken token) =>
            CreateAsync(kind, input, db, user, response, token);
        Delegate update = (int id, TInput input, McscDbContext db, ClaimsPrincipal user, HttpRequest request, HttpResponse response,
            CancellationToken token) => UpdateAsync(kind, id, input, db, user, request, response, token);
        group.MapPost("/", create).WithName($"Create-{plural}").WithSummary("Records a new one.");
        group.MapPut("/{id:int}", update).WithName($"Update-{plural}").WithSummary("Changes one; needs If-Match with its ETag.");
        group.MapDelete("/{id:int}", (int id, string? reason, McscDbContext db, AuditActor actor, ClaimsPrincipal user, HttpRequest request,
                CancellationToken token) => DeleteAsync(kind, id, reason, db, actor, user, request, token))
            .WithName($"Delete-{plural}")
            .WithSummary(kind.DeleteNeedsReason
                ? "Deletes one entered by mistake; needs If-Match with its ETag and a reason (?reason=…), which is audited."
                : "Deletes one; needs If-Match with its ETag.");
        return routes;
    }

    private static async Task<Results<Ok<PageOf<TDto>>, ValidationProblem>> ListAsync<TRecord, TDto, TInput>(
        RecordKind<TRecord, TDto, TInput> kind, RecordQuery query, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
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
        return TypedResults.Ok(new PageOf<TDto>(page.Select(kind.ToDto).ToList(), query.Page, query.PageSize, total));
    }

    private static async Task<Results<Ok<TDto>, NotFound, ForbidHttpResult>> GetAsync<TRecord, TDto, TInput>(
        RecordKind<TRecord, TDto, TInput> kind, int id, McscDbContext db, ClaimsPrincipal user, HttpResponse response,
        CancellationToken cancellationToken)
        where TRecord : EditableRecord
    {
        var row = await kind.Rows(db).FirstOrDefaultAsync(row => row.Record.Id == id, cancellationToken);
        if (row is null) return TypedResults.NotFound();
        if (!RecordAccess.CanAccess(user, row.Municipality)) return TypedResults.Forbid();
        if (kind.HoldsPersonalData) await db.AuditMemberAccessAsync("view", row.Municipality, 1, cancellationToken);
        response.Headers.ETag = ETag(row.Record.Version);
        return TypedResults.Ok(kind.ToDto(row));
    }

    private static async Task<Results<Created<TDto>, ValidationProblem, ForbidHttpResult, Conflict<ProblemDetails>>> CreateAsync<TRecord, TDto, TInput>(
        RecordKind<TRecord, TDto, TInput> kind, TInput input, McscDbContext db, ClaimsPrincipal user, HttpResponse response,
        CancellationToken cancellationToken)
        where TRecord : EditableRecord
    {
        var result = await RecordWriter.SaveAsync(kind, null, input, null, db, user, TodayFor(response.HttpContext), cancellationToken);
        switch (result.Status)
        {
            case WriteStatus.Invalid: return TypedResults.ValidationProblem(result.Errors!);
            case WriteStatus.Forbidden: return TypedResults.Forbid();
            case WriteStatus.Conflict or WriteStatus.Closed: return Conflict(result.Detail!, result.ProblemType);
        }
        var created = await kind.Rows(db).SingleAsync(row => row.Record.Id == result.Id, cancellationToken);
        response.Headers.ETag = ETag(created.Record.Version);
        return TypedResults.Created($"/api/v1/{kind.Name}/{result.Id}", kind.ToDto(created));
    }

    private static async Task<Results<Ok<TDto>, NotFound, ForbidHttpResult, ValidationProblem, StatusCodeHttpResult, Conflict<ProblemDetails>>>
        UpdateAsync<TRecord, TDto, TInput>(
            RecordKind<TRecord, TDto, TInput> kind, int id, TInput input, McscDbContext db, ClaimsPrincipal user,
            HttpRequest request, HttpResponse response, CancellationToken cancellationToken)
        where TRecord : EditableRecord
    {
        var result = await RecordWriter.SaveAsync(kind, id, input, IfMatch(request), db, user, TodayFor(request.HttpContext), cancellationToken);
        if (result.Status != WriteStatus.Done) return Failed<TDto>(result);
        var updated = await kind.Rows(db).SingleAsync(row => row.Record.Id == id, cancellationToken);
        response.Headers.ETag = ETag(updated.Record.Version);
        return TypedResults.Ok(kind.ToDto(updated));
    }

    private static async Task<Results<NoContent, NotFound, ForbidHttpResult, ValidationProblem, StatusCodeHttpResult, Conflict<ProblemDetails>>>
        DeleteAsync<TRecord, TDto, TInput>(
            RecordKind<TRecord, TDto, TInput> kind, int id, string? reason, McscDbContext db, AuditActor actor, ClaimsPrincipal user,
            HttpRequest request, CancellationToken cancellationToken)
        where TRecord : EditableRecord
    {
        var result = await RecordWriter.DeleteAsync(kind, id, IfMatch(request), reason, db, actor, user, cancellationToken);
        return result.Status switch
        {
            WriteStatus.Done => TypedResults.NoContent(),
            WriteStatus.Invalid => TypedResults.ValidationProblem(result.Errors!),
            WriteStatus.NotFound => TypedResults.NotFound(),
            WriteStatus.Forbidden => TypedResults.Forbid(),
            WriteStatus.Conflict or WriteStatus.Closed => Conflict(result.Detail!, result.ProblemType),
            WriteStatus.VersionRequired => TypedResults.StatusCode(StatusCodes.Status428PreconditionRequired),
            _ => TypedResults.StatusCode(StatusCodes.Status412PreconditionFailed),
        };
    }

    private static Results<Ok<TDto>, NotFound, ForbidHttpResult, ValidationProblem, StatusCodeHttpResult, Conflict<ProblemDetails>> Failed<TDto>(WriteResult result) =>
        result.Status switch
        {
            WriteStatus.NotFound => TypedResults.NotFound(),
            WriteStatus.Forbidden => TypedResults.Forbid(),
            WriteStatus.Invalid => TypedResults.ValidationProblem(result.Errors!),
            WriteStatus.Conflict or WriteStatus.Closed => Conflict(result.Detail!, result.ProblemType),
            WriteStatus.VersionRequired => TypedResults.StatusCode(StatusCodes.Status428PreconditionRequired),
            _ => TypedResults.StatusCode(StatusCodes.Status412PreconditionFailed),
        };

    private static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private static long? IfMatch(HttpRequest request) =>
        long.TryParse(request.Headers.IfMatch.ToString().Trim().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;

    private static Conflict<ProblemDetails> Conflict(string detail, string? type = null) =>
        TypedResults.Conflict(new ProblemDetails { Title = "Conflict", Detail = detail, Status = StatusCodes.Status409Conflict, Type = type });

    /// <summary>Today by the app's clock: what has not happened yet cannot be recorded as done.</summary>
    internal static DateOnly TodayFor(HttpContext context) => Today.Of(context.RequestServices.GetRequiredService<TimeProvider>());
}
