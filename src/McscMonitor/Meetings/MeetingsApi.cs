using System.Globalization;
using System.Security.Claims;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Names;
using McscMonitor.Data;
using McscMonitor.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Meetings;

public sealed record MeetingDto(
    int Id, string Municipality, DateOnly Date, string Status, int? Attendees, int? WomenAttendees,
    bool? DiscussedSecurityIncidents, bool? DiscussedNonMajorityConcerns, bool? MinutesKept, long Version);

public sealed record MeetingInput(
    string? Municipality, DateOnly? Date, string? Status, int? Attendees, int? WomenAttendees,
    bool? DiscussedSecurityIncidents, bool? DiscussedNonMajorityConcerns, bool? MinutesKept);

public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record MeetingQuery(string? Municipality, int? Year, int Page = 1, int PageSize = 50);

/// <summary>
/// Meetings over REST. Admins and monitors reach every municipality, a municipal officer only
/// their own. Updates and deletes need the row's ETag in If-Match, so a stale edit is refused
/// (412) instead of overwriting someone else's.
/// </summary>
internal static class MeetingsApi
{
    public static IEndpointRouteBuilder MapMeetingsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/meetings").WithTags("Meetings").RequireAuthorization(RecordAccess.Policy);
        group.MapGet("/", List).WithName("ListMeetings").WithSummary("Meetings, newest first, a page at a time.");
        group.MapGet("/{id:int}", Get).WithName("GetMeeting").WithSummary("One meeting; its ETag is the version to send back when editing.");
        group.MapPost("/", Create).WithName("CreateMeeting").WithSummary("Records a meeting.");
        group.MapPut("/{id:int}", Update).WithName("UpdateMeeting").WithSummary("Changes a meeting; needs If-Match with its ETag.");
        group.MapDelete("/{id:int}", Delete).WithName("DeleteMeeting").WithSummary("Deletes a meeting; needs If-Match with its ETag.");
        return routes;
    }

    private static async Task<Results<Ok<PageOf<MeetingDto>>, ValidationProblem>> List(
        [AsParameters] MeetingQuery query, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (query.Page < 1 || query.PageSize is < 1 or > 500)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["page"] = ["page must be 1 or more and pageSize 1–500"] });

        var meetings = Rows(db);
        if (RecordAccess.OnlyMunicipality(user) is { } own) meetings = meetings.Where(row => row.Municipality == own);
        if (query.Municipality is not null)
        {
            var match = new MunicipalityMatcher(await db.Municipalities.AsNoTracking().ToListAsync(cancellationToken)).Match(query.Municipality);
            if (match.Municipality is null)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["municipality"] = [match.Describe(query.Municipality)] });
            meetings = meetings.Where(row => row.Municipality == match.Municipality.Code);
        }
        if (query.Year is { } year)
            meetings = meetings.Where(row => row.Meeting.Date >= new DateOnly(year, 1, 1) && row.Meeting.Date <= new DateOnly(year, 12, 31));

        var total = await meetings.CountAsync(cancellationToken);
        var rows = await meetings.OrderByDescending(row => row.Meeting.Date).ThenBy(row => row.Municipality)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PageOf<MeetingDto>(rows.Select(row => row.ToDto()).ToList(), query.Page, query.PageSize, total));
    }

    private static async Task<Results<Ok<MeetingDto>, NotFound, ForbidHttpResult>> Get(
        int id, McscDbContext db, ClaimsPrincipal user, HttpResponse response, CancellationToken cancellationToken)
    {
        var meeting = await FindAsync(db, id, cancellationToken);
        if (meeting is null) return TypedResults.NotFound();
        if (!RecordAccess.CanAccess(user, meeting.Municipality)) return TypedResults.Forbid();
        response.Headers.ETag = ETag(meeting.Version);
        return TypedResults.Ok(meeting);
    }

    private static async Task<Results<Created<MeetingDto>, ValidationProblem, ForbidHttpResult, Conflict<ProblemDetails>>> Create(
        MeetingInput input, McscDbContext db, ClaimsPrincipal user, HttpResponse response, CancellationToken cancellationToken)
    {
        var (fields, council) = await ValidateAsync(input, db, cancellationToken);
        if (fields.Count > 0) return TypedResults.ValidationProblem(fields);
        if (!RecordAccess.CanAccess(user, council!.MunicipalityCode)) return TypedResults.Forbid();
        if (await db.Meetings.AnyAsync(m => m.CouncilId == council.Id && m.Date == input.Date, cancellationToken))
            return Conflict($"{council.MunicipalityCode} already has a meeting on {input.Date:yyyy-MM-dd}.");

        var meeting = new Meeting { CouncilId = council.Id };
        Copy(input, meeting);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(cancellationToken);
        var created = (await FindAsync(db, meeting.Id, cancellationToken))!;
        response.Headers.ETag = ETag(created.Version);
        return TypedResults.Created($"/api/v1/meetings/{created.Id}", created);
    }

    private static async Task<Results<Ok<MeetingDto>, NotFound, ForbidHttpResult, ValidationProblem, StatusCodeHttpResult, Conflict<ProblemDetails>>> Update(
        int id, MeetingInput input, McscDbContext db, ClaimsPrincipal user, HttpRequest request, HttpResponse response,
        CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.FindAsync([id], cancellationToken);
        if (meeting is null) return TypedResults.NotFound();
        var council = await db.Councils.AsNoTracking().SingleAsync(c => c.Id == meeting.CouncilId, cancellationToken);
        if (!RecordAccess.CanAccess(user, council.MunicipalityCode)) return TypedResults.Forbid();
        if (IfMatch(request) is not { } expected) return TypedResults.StatusCode(StatusCodes.Status428PreconditionRequired);
        if (expected != meeting.Version) return TypedResults.StatusCode(StatusCodes.Status412PreconditionFailed);

        var (fields, newCouncil) = await ValidateAsync(input, db, cancellationToken);
        if (fields.Count > 0) return TypedResults.ValidationProblem(fields);
        if (!RecordAccess.CanAccess(user, newCouncil!.MunicipalityCode)) return TypedResults.Forbid();
        if (await db.Meetings.AnyAsync(m => m.Id != id && m.CouncilId == newCouncil.Id && m.Date == input.Date, cancellationToken))
            return Conflict($"{newCouncil.MunicipalityCode} already has a meeting on {input.Date:yyyy-MM-dd}.");

        meeting.CouncilId = newCouncil.Id;
        Copy(input, meeting);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: theirs stands.
            return TypedResults.StatusCode(StatusCodes.Status412PreconditionFailed);
        }
        var updated = (await FindAsync(db, id, cancellationToken))!;
        response.Headers.ETag = ETag(updated.Version);
        return TypedResults.Ok(updated);
    }

    private static async Task<Results<NoContent, NotFound, ForbidHttpResult, StatusCodeHttpResult>> Delete(
        int id, McscDbContext db, ClaimsPrincipal user, HttpRequest request, CancellationToken cancellationToken)
    {
        var meeting = await FindAsync(db, id, cancellationToken);
        if (meeting is null) return TypedResults.NotFound();
        if (!RecordAccess.CanAccess(user, meeting.Municipality)) return TypedResults.Forbid();
        if (IfMatch(request) is not { } expected) return TypedResults.StatusCode(StatusCodes.Status428PreconditionRequired);

        var tracked = await db.Meetings.SingleAsync(m => m.Id == id, cancellationToken);
        db.Entry(tracked).Property(m => m.Version).OriginalValue = expected;
        db.Meetings.Remove(tracked);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.StatusCode(StatusCodes.Status412PreconditionFailed);
        }
        return TypedResults.NoContent();
    }

    /// <summary>A meeting with its municipality, in a shape EF can still filter and sort.</summary>
    private sealed class MeetingRow
    {
        public required Meeting Meeting { get; init; }
        public required string Municipality { get; init; }

        public MeetingDto ToDto() => new(Meeting.Id, Municipality, Meeting.Date, Codes<MeetingStatus>.ToCode(Meeting.Status),
            Meeting.Attendees, Meeting.WomenAttendees, Meeting.DiscussedSecurityIncidents, Meeting.DiscussedNonMajorityConcerns,
            Meeting.MinutesKept, Meeting.Version);
    }

    private static IQueryable<MeetingRow> Rows(McscDbContext db) =>
        db.Meetings.AsNoTracking().Join(db.Councils, meeting => meeting.CouncilId, council => council.Id,
            (meeting, council) => new MeetingRow { Meeting = meeting, Municipality = council.MunicipalityCode });

    private static async Task<MeetingDto?> FindAsync(McscDbContext db, int id, CancellationToken cancellationToken) =>
        (await Rows(db).FirstOrDefaultAsync(row => row.Meeting.Id == id, cancellationToken))?.ToDto();

    /// <summary>Field errors in plain words, keyed by the JSON property, and the council the meeting belongs to.</summary>
    private static async Task<(Dictionary<string, string[]> Fields, Council? Council)> ValidateAsync(
        MeetingInput input, McscDbContext db, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string[]>();
        void Add(string field, string? problem) { if (problem is not null) fields[field] = [problem]; }

        Municipality? municipality = null;
        if (string.IsNullOrWhiteSpace(input.Municipality)) Add("municipality", "a municipality is required");
        else
        {
            var match = new MunicipalityMatcher(await db.Municipalities.AsNoTracking().ToListAsync(cancellationToken)).Match(input.Municipality);
            municipality = match.Municipality;
            if (municipality is null) Add("municipality", match.Describe(input.Municipality));
        }
        if (input.Date is not { } date) Add("date", "a date is required");
        else Add("date", RecordRules.YearOutOfRange(date));
        if (!Codes<MeetingStatus>.TryParse(input.Status, out _)) Add("status", $"'{input.Status}' is not one of: {string.Join(", ", Codes<MeetingStatus>.All)}");
        Add("attendees", RecordRules.NegativeCount(input.Attendees));
        Add("womenAttendees", RecordRules.NegativeCount(input.WomenAttendees) ?? RecordRules.WomenAboveAttendees(input.Attendees, input.WomenAttendees));

        Council? council = null;
        if (municipality is not null && input.Date is { } meetingDate)
        {
            council = await db.Councils.AsNoTracking().FirstOrDefaultAsync(c => c.MunicipalityCode == municipality.Code, cancellationToken);
            Add(council is null ? "municipality" : "date",
                RecordRules.NoCouncilOn(municipality.NameSq, meetingDate, council?.EstablishedOn, council?.DissolvedOn));
        }
        return (fields, council);
    }

    private static void Copy(MeetingInput input, Meeting meeting)
    {
        meeting.Date = input.Date!.Value;
        meeting.Status = Codes<MeetingStatus>.Parse(input.Status!);
        meeting.Attendees = input.Attendees;
        meeting.WomenAttendees = input.WomenAttendees;
        meeting.DiscussedSecurityIncidents = input.DiscussedSecurityIncidents;
        meeting.DiscussedNonMajorityConcerns = input.DiscussedNonMajorityConcerns;
        meeting.MinutesKept = input.MinutesKept;
    }

    private static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private static long? IfMatch(HttpRequest request) =>
        long.TryParse(request.Headers.IfMatch.ToString().Trim().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;

    private static Conflict<ProblemDetails> Conflict(string detail) =>
        TypedResults.Conflict(new ProblemDetails { Title = "Conflict", Detail = detail, Status = StatusCodes.Status409Conflict });
}
