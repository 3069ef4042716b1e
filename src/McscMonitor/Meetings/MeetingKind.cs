using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Records;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Meetings;

public sealed record MeetingDto(
    int Id, string Municipality, DateOnly Date, string Status, int? Attendees, int? WomenAttendees,
    bool? DiscussedSecurityIncidents, bool? DiscussedNonMajorityConcerns, bool? MinutesKept, long Version);

public sealed record MeetingInput(
    string? Municipality, DateOnly? Date, string? Status, int? Attendees, int? WomenAttendees,
    bool? DiscussedSecurityIncidents, bool? DiscussedNonMajorityConcerns, bool? MinutesKept);

/// <summary>Meetings over REST (<c>/api/v1/meetings</c>): one per council and date.</summary>
public sealed class MeetingKind : RecordKind<Meeting, MeetingDto, MeetingInput>
{
    public override string Name => "meetings";

    public override Meeting Blank() => new();

    public override IQueryable<Owned<Meeting>> Rows(McscDbContext db) =>
        db.Meetings.AsNoTracking().Join(db.Councils, meeting => meeting.CouncilId, council => council.Id,
            (meeting, council) => new Owned<Meeting> { Record = meeting, Municipality = council.MunicipalityCode });

    public override IQueryable<Owned<Meeting>> InYear(IQueryable<Owned<Meeting>> rows, int year) =>
        rows.Where(row => row.Record.Date >= new DateOnly(year, 1, 1) && row.Record.Date <= new DateOnly(year, 12, 31));

    public override IOrderedQueryable<Owned<Meeting>> Order(IQueryable<Owned<Meeting>> rows) =>
        rows.OrderByDescending(row => row.Record.Date).ThenBy(row => row.Municipality);

    public override MeetingDto ToDto(Owned<Meeting> row) => new(
        row.Record.Id, row.Municipality, row.Record.Date, Codes.ToCode(row.Record.Status), row.Record.Attendees, row.Record.WomenAttendees,
        row.Record.DiscussedSecurityIncidents, row.Record.DiscussedNonMajorityConcerns, row.Record.MinutesKept, row.Record.Version);

    public override async Task<Checked<Meeting>> CheckAsync(MeetingInput input, McscDbContext db, int? id, DateOnly today, CancellationToken cancellationToken)
    {
        var fields = new FieldErrors();
        var municipality = await fields.MunicipalityAsync(db, input.Municipality, cancellationToken);
        fields.Date("date", input.Date, required: true);
        var status = fields.Code<MeetingStatus>("status", input.Status, required: true);
        // A meeting planned and then called off may be recorded ahead; one held only once it was.
        if (status == MeetingStatus.Held) fields.Add("date", RecordRules.AfterToday(input.Date, today));
        fields.Add("attendees", RecordRules.NegativeCount(input.Attendees));
        fields.Add("womenAttendees", RecordRules.NegativeCount(input.WomenAttendees) ?? RecordRules.WomenAboveAttendees(input.Attendees, input.WomenAttendees));

        Council? council = null;
        if (municipality is not null && input.Date is { } date)
        {
            council = await db.Councils.AsNoTracking().FirstOrDefaultAsync(c => c.MunicipalityCode == municipality.Code, cancellationToken);
            fields.Add(council is null ? "municipality" : "date", RecordRules.NoCouncilOn(municipality.NameSq, date, council?.EstablishedOn, council?.DissolvedOn));
        }
        if (fields.Errors.Count > 0) return Checked<Meeting>.Invalid(fields.Errors);

        var taken = await db.Meetings.AnyAsync(m => m.Id != id && m.CouncilId == council!.Id && m.Date == input.Date, cancellationToken);
        return new Checked<Meeting>([], municipality!.Code, meeting =>
        {
            meeting.CouncilId = council!.Id;
            meeting.Date = input.Date!.Value;
            meeting.Status = status!.Value;
            meeting.Attendees = input.Attendees;
            meeting.WomenAttendees = input.WomenAttendees;
            meeting.DiscussedSecurityIncidents = input.DiscussedSecurityIncidents;
            meeting.DiscussedNonMajorityConcerns = input.DiscussedNonMajorityConcerns;
            meeting.MinutesKept = input.MinutesKept;
        }, taken ? Messages.Format("meetingTaken", ("name", municipality.NameSq), ("date", IsoDate.Text(input.Date))) : null);
    }
}
