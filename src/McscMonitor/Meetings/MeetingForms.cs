using System.Globalization;
using System.Security.Claims;
using McscMonitor.Data;
using McscMonitor.Meetings.Pages;
using McscMonitor.Records;
using McscMonitor.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Meetings;

/// <summary>
/// A meeting form as posted: every field is text, so that what someone typed can be shown back
/// with its error instead of being lost to a binding failure. Yes/no fields have a third
/// answer, "not recorded", because unknown is not "no".
/// </summary>
public sealed record MeetingForm(
    string? Municipality, string? Date, string? Status, string? Attendees, string? WomenAttendees,
    string? DiscussedSecurityIncidents, string? DiscussedNonMajorityConcerns, string? MinutesKept, string? Version)
{
    public static MeetingForm From(MeetingDto meeting) => new(
        meeting.Municipality, meeting.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), meeting.Status,
        meeting.Attendees?.ToString(CultureInfo.InvariantCulture), meeting.WomenAttendees?.ToString(CultureInfo.InvariantCulture),
        Answer(meeting.DiscussedSecurityIncidents), Answer(meeting.DiscussedNonMajorityConcerns), Answer(meeting.MinutesKept),
        meeting.Version.ToString(CultureInfo.InvariantCulture));

    public (MeetingInput Input, Dictionary<string, string[]> Errors) Parse()
    {
        var errors = new Dictionary<string, string[]>();
        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(Date))
        {
            if (DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) date = parsed;
            else errors["date"] = [$"'{Date}' is not a date (YYYY-MM-DD)"];
        }
        int? Count(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count)) return count;
            errors[field] = [$"'{text}' is not a whole number"];
            return null;
        }
        var input = new MeetingInput(Municipality, date, Status, Count("attendees", Attendees), Count("womenAttendees", WomenAttendees),
            Flag(DiscussedSecurityIncidents), Flag(DiscussedNonMajorityConcerns), Flag(MinutesKept));
        return (input, errors);
    }

    public long? ParsedVersion => long.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;

    private static bool? Flag(string? answer) => answer switch { "yes" => true, "no" => false, _ => null };

    private static string Answer(bool? value) => value switch { true => "yes", false => "no", null => "" };
}

/// <summary>Record, change and delete meetings in the browser, through the same write path as the API.</summary>
internal static class MeetingForms
{
    private static readonly MeetingKind Kind = new();

    public static IEndpointRouteBuilder MapMeetingForms(this IEndpointRouteBuilder routes)
    {
        var forms = routes.MapGroup("").RequireAuthorization(RecordAccess.Policy).ExcludeFromDescription();
        forms.MapGet("/municipalities/{code}/meetings/new", (string code, ClaimsPrincipal user) =>
            RecordAccess.CanAccess(user, code)
                ? (IResult)Page(new MeetingForm(code, null, "held", null, null, null, null, null, null), null, user)
                : TypedResults.Forbid());
        forms.MapGet("/meetings/{id:int}/edit", async (int id, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            var row = await Kind.Rows(db).FirstOrDefaultAsync(row => row.Record.Id == id, cancellationToken);
            if (row is null) return (IResult)TypedResults.NotFound();
            if (!RecordAccess.CanAccess(user, row.Municipality)) return TypedResults.Forbid();
            return Page(MeetingForm.From(Kind.ToDto(row)), id, user);
        });
        forms.MapPost("/meetings", (
                [FromForm] MeetingForm form, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            SaveAsync(null, form, db, user, cancellationToken));
        forms.MapPost("/meetings/{id:int}", (
                int id, [FromForm] MeetingForm form, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            SaveAsync(id, form, db, user, cancellationToken));
        forms.MapPost("/meetings/{id:int}/delete", async (
            int id, [FromForm] MeetingForm form, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            var result = await RecordWriter.DeleteAsync(Kind, id, form.ParsedVersion, db, user, cancellationToken);
            return result.Status switch
            {
                WriteStatus.Done => (IResult)TypedResults.LocalRedirect(BackTo(form)),
                WriteStatus.Forbidden => TypedResults.Forbid(),
                WriteStatus.NotFound => TypedResults.NotFound(),
                _ => Page(form, id, user, message: "Someone changed this meeting since you opened it; it was not deleted. Reload to see their version."),
            };
        });
        return routes;
    }

    private static async Task<IResult> SaveAsync(int? id, MeetingForm form, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (input, parseErrors) = form.Parse();
        if (parseErrors.Count > 0) return Page(form, id, user, parseErrors);

        var result = await RecordWriter.SaveAsync(Kind, id, input, form.ParsedVersion, db, user, cancellationToken);
        return result.Status switch
        {
            WriteStatus.Done => TypedResults.LocalRedirect(BackTo(form)),
            WriteStatus.Forbidden => TypedResults.Forbid(),
            WriteStatus.NotFound => TypedResults.NotFound(),
            WriteStatus.Invalid => Page(form, id, user, result.Errors),
            WriteStatus.Conflict => Page(form, id, user, message: result.Detail),
            _ => Page(form, id, user, message: "Someone changed this meeting since you opened it, and their change stands. Reload to see it, then make yours again."),
        };
    }

    private static string BackTo(MeetingForm form)
    {
        var year = form.Date is { Length: >= 4 } date ? $"?year={date[..4]}" : "";
        return $"/municipalities/{Uri.EscapeDataString(form.Municipality ?? "")}{year}";
    }

    private static RazorComponentResult<MeetingFormView> Page(
        MeetingForm form, int? id, ClaimsPrincipal user, Dictionary<string, string[]>? errors = null, string? message = null) =>
        new(new { Form = form, Id = id, Errors = errors ?? [], Message = message, UserName = user.Identity?.Name });
}
