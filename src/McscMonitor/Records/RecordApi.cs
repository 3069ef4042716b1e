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
    public abstract Task<Checked<TRecord>> CheckAsync(TInput input, McscDbContext db, int? id, CancellationToken cancellationToken);

    /// <summary>A record whose deletion must say why (a member: deleted only when entered by mistake; otherwise erased).</summary>
    public virtual bool DeleteNeedsReason => false;

    /// <summary>Why a record may not be deleted (say, a council that still has meetings), or null.</summary>
    public virtual Task<string?> DeleteBlockedAsync(TRecord record, McscDbContext db, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}

public enum WriteStatus { Done, NotFound, Forbidden, Invalid, Conflict, Stale, VersionRequired, Closed }

/// <summary>What a write came to; the API turns it into a status code, a form into a page.</summary>
/// <param name="ProblemType">For a write refused because the year is not a draft: the ProblemDetails type naming its state.</param>
public sealed record WriteResult(WriteStatus Status, int? Id = null, Dictionary<string, string[]>? Errors = null, string? Detail = null, string? ProblemType = null);

/// <summary>
/// The one write path for every record type, used by the REST API and the web forms alike:
/// scope, validation, natural-key conflicts and optimistic concurrency.
/// </summary>
public static class RecordWriter
{
    /// <summary>Creates (id null) or updates a record; an update needs the version the writer last saw.</summary>
    public static async Task<WriteResult> SaveAsync<TRecord, TDto, TInput>(
        RecordKind<TRecord, TDto, TInput> kind, int? id, TInput input, long? expectedVersion, McscDbContext db, ClaimsPrincipal user,
        CancellationToken cancellationToken)
        where TRecord : EditableRecord
    {
        TRecord record;
        if (id is { } existingId)
        {
            var current = await kind.Rows(db).FirstOrDefaultAsync(row => row.Record.Id == existingId, cancellationToken);
            if (current is null) return new WriteResult(WriteStatus.NotFound);
            if (!RecordAccess.CanAccess(user, current.Municipality)) return new WriteResult(WriteStatus.Forbidden);
            if (expectedVersion is null) return new WriteResult(WriteStatus.VersionRequired);
            if (expectedVersion != current.Record.Version) return new WriteResult(WriteStatus.Stale, existingId);
            record = await db.Set<TRecord>().SingleAsync(r => r.Id == existingId, cancellationToken);
            db.Entry(record).Property(r => r.Version).OriginalValue = expectedVersion.Value;
        }
        else
        {
            record = kind.Blank();
        }

        var check = await kind.CheckAsync(input, db, id, cancellationToken);
        if (check.Errors.Count > 0) return new WriteResult(WriteStatus.Invalid, id, check.Errors);
        if (!RecordAccess.CanAccess(user, check.Municipality!)) return new WriteResult(WriteStatus.Forbidden);
        if (check.Conflict is not null) return new WriteResult(WriteStatus.Conflict, id, Detail: check.Conflict);

        check.Apply!(record);
        if (id is null) db.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: theirs stands.
            return new WriteResult(WriteStatus.Stale, id);
        }
        catch (Approvals.YearNotEditableException closed)
        {
            return new WriteResult(WriteStatus.Closed, id, Detail: closed.Message, ProblemType: closed.ProblemType);
        }
        return new WriteResult(WriteStatus.Done, record.Id);
    }

    /// <param name="reason">Why; required where <see cref="RecordKind{TRecord,TDto,TInput}.DeleteNeedsReason"/>, and audited.</param>
    public static async Task<WriteResult> DeleteAsync<TRecord, TDto, TInput>(
        RecordKind<TRecord, TDto, TInput> kind, int id, long? expectedVersion, string? reason, McscDbContext db, AuditActor actor,
        ClaimsPrincipal user, CancellationToken cancellationToken)
        where TRecord : EditableRecord
    {
        var current = await kind.Rows(db).FirstOrDefaultAsync(row => row.Record.Id == id, cancellationToken);
        if (current is null) return new WriteResult(WriteStatus.NotFound);
        if (!RecordAccess.CanAccess(user, current.Municipality)) return new WriteResult(WriteStatus.Forbidden);
        if (expectedVersion is null) return new WriteResult(WriteStatus.VersionRequired);
        var fields = new FieldErrors();
        if (kind.DeleteNeedsReason) fields.Required("reason", reason);
        fields.Text("reason", reason, TextLimits.Reason);
        if (fields.Errors.Count > 0) return new WriteResult(WriteStatus.Invalid, id, fields.Errors);
        actor.Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();

        var record = await db.Set<TRecord>().SingleAsync(r => r.Id == id, cancellationToken);
        if (await kind.DeleteBlockedAsync(record, db, cancellationToken) is { } blocked) return new WriteResult(WriteStatus.Conflict, id, Detail: blocked);
        db.Entry(record).Property(r => r.Version).OriginalValue = expectedVersion.Value;
        db.Remove(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new WriteResult(WriteStatus.Stale, id);
        }
        catch (Approvals.YearNotEditableException closed)
        {
            return new WriteResult(WriteStatus.Closed, id, Detail: closed.Message, ProblemType: closed.ProblemType);
        }
        return new WriteResult(WriteStatus.Done, id);
    }
}

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
        if (query.Year is < RecordRules.FirstYear or > RecordRules.LastYear)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["year"] = [RecordRules.NotAYear(query.Year.Value.ToString(CultureInfo.InvariantCulture))],
            });

        var rows = kind.Rows(db);
        if (RecordAccess.OnlyMunicipality(user) is { } own) rows = rows.Where(row => row.Municipality == own);
        if (query.Municipality is not null)
        {
            var match = await db.MatchMunicipalityAsync(query.Municipality, cancellationToken);
            if (match.Municipality is null)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["municipality"] = [match.Describe(query.Municipality)] });
            rows = rows.Where(row => row.Municipality == match.Municipality.Code);
        }
        if (query.Year is { } year) rows = kind.InYear(rows, year);

        var total = await rows.CountAsync(cancellationToken);
        var page = await kind.Order(rows).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
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
        response.Headers.ETag = ETag(row.Record.Version);
        return TypedResults.Ok(kind.ToDto(row));
    }

    private static async Task<Results<Created<TDto>, ValidationProblem, ForbidHttpResult, Conflict<ProblemDetails>>> CreateAsync<TRecord, TDto, TInput>(
        RecordKind<TRecord, TDto, TInput> kind, TInput input, McscDbContext db, ClaimsPrincipal user, HttpResponse response,
        CancellationToken cancellationToken)
        where TRecord : EditableRecord
    {
        var result = await RecordWriter.SaveAsync(kind, null, input, null, db, user, cancellationToken);
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
        var result = await RecordWriter.SaveAsync(kind, id, input, IfMatch(request), db, user, cancellationToken);
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
}

/// <summary>Collects field errors in plain words, keyed by the JSON property name.</summary>
public sealed class FieldErrors
{
    public Dictionary<string, string[]> Errors { get; } = [];

    public void Add(string field, string? problem)
    {
        if (problem is not null && !Errors.ContainsKey(field)) Errors[field] = [problem];
    }

    /// <summary>Free text within its length, without control or direction characters.</summary>
    public void Text(string field, string? value, int maxLength) => Add(field, RecordRules.Text(value, maxLength));

    public void Required(string field, object? value)
    {
        if (value is null || value is string text && string.IsNullOrWhiteSpace(text)) Add(field, Messages.Current["required"]);
    }

    public TEnum? Code<TEnum>(string field, string? code, bool required) where TEnum : struct, Enum
    {
        if (code is null)
        {
            if (required) Add(field, Messages.Current["required"]);
            return null;
        }
        if (Codes<TEnum>.TryParse(code, out var value)) return value;
        Add(field, Messages.Format("notOneOf", ("value", code), ("choices", string.Join(", ", Codes<TEnum>.All))));
        return null;
    }

    public async Task<Municipality?> MunicipalityAsync(McscDbContext db, string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            Add("municipality", Messages.Current["municipalityRequired"]);
            return null;
        }
        var match = await db.MatchMunicipalityAsync(name, cancellationToken);
        if (match.Municipality is null) Add("municipality", match.Describe(name));
        return match.Municipality;
    }

    public void Date(string field, DateOnly? date, bool required)
    {
        if (date is null)
        {
            if (required) Add(field, Messages.Current["dateRequired"]);
            return;
        }
        Add(field, RecordRules.YearOutOfRange(date.Value));
    }

    public void Year(string field, int? year)
    {
        if (year is null) Add(field, Messages.Current["yearRequired"]);
        else if (year is < RecordRules.FirstYear or > RecordRules.LastYear) Add(field, RecordRules.NotAYear(year.Value.ToString(CultureInfo.InvariantCulture)));
    }
}
