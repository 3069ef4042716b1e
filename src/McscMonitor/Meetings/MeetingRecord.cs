using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Records;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Meetings;

/// <summary>A council's meeting (<c>/api/v1/meetings</c>, the meetings table): one per council and date.</summary>
public sealed class MeetingRecord : RecordDefinition<Meeting>
{
    private static readonly RecordField<Meeting> Date = Field<Meeting>.Date("date", m => m.Date, (m, v) => m.Date = v ?? default, required: true) with { Key = true };
    private static readonly RecordField<Meeting> Status = Field<Meeting>.Choice<MeetingStatus>("status", m => m.Status, (m, v) => m.Status = v ?? default,
        labels: "status", required: true, description: "held or cancelled");
    private static readonly RecordField<Meeting> Attendees = Field<Meeting>.Count("attendees", m => m.Attendees, (m, v) => m.Attendees = v, "Number of people present");
    private static readonly RecordField<Meeting> WomenAttendees = Field<Meeting>.Count("womenAttendees", m => m.WomenAttendees, (m, v) => m.WomenAttendees = v, "Number of women present");

    public override string Path => "meetings";

    public override bool TakesEvidence => true;

    public override string TextPrefix => "meeting";

    public override IReadOnlyList<RecordField<Meeting>> RecordFields { get; } =
    [
        Date, Status, Attendees, WomenAttendees,
        Field<Meeting>.Answer("discussedSecurityIncidents", m => m.DiscussedSecurityIncidents, (m, v) => m.DiscussedSecurityIncidents = v),
        Field<Meeting>.Answer("discussedNonMajorityConcerns", m => m.DiscussedNonMajorityConcerns, (m, v) => m.DiscussedNonMajorityConcerns = v),
        Field<Meeting>.Answer("minutesKept", m => m.MinutesKept, (m, v) => m.MinutesKept = v),
    ];

    public override Meeting Blank() => new();

    public override IQueryable<Owned<Meeting>> Rows(McscDbContext db) =>
        db.Meetings.AsNoTracking().Join(db.Councils, meeting => meeting.CouncilId, council => council.Id,
            (meeting, council) => new Owned<Meeting> { Record = meeting, Municipality = council.MunicipalityCode });

    public override IQueryable<Owned<Meeting>> InYear(IQueryable<Owned<Meeting>> rows, int year) =>
        rows.Where(row => row.Record.Date >= new DateOnly(year, 1, 1) && row.Record.Date <= new DateOnly(year, 12, 31));

    public override IOrderedQueryable<Owned<Meeting>> Order(IQueryable<Owned<Meeting>> rows) =>
        rows.OrderByDescending(row => row.Record.Date).ThenBy(row => row.Municipality);

    public override IEnumerable<(FormField, string?)> Rules(Meeting meeting, DateOnly today) =>
    [
        (WomenAttendees.Form, RecordRules.WomenAboveAttendees(meeting.Attendees, meeting.WomenAttendees)),
        // A meeting planned and then called off may be recorded ahead; one held only once it was.
        (Date.Form, meeting.Status == MeetingStatus.Held ? RecordRules.AfterToday(meeting.Date, today) : null),
    ];

    public override async Task<Action<Meeting>?> PlaceAsync(
        Meeting meeting, Municipality municipality, McscDbContext db, FieldErrors errors, CancellationToken cancellationToken)
    {
        var council = await CouncilAsync(db, municipality, errors, Date.Name,
            council => RecordRules.NoCouncilOn(municipality.NameSq, meeting.Date, council?.EstablishedOn, council?.DissolvedOn), cancellationToken);
        return council is null ? null : record => record.CouncilId = council.Id;
    }

    public override async Task<string?> TakenAsync(Meeting meeting, Municipality municipality, int? id, McscDbContext db, CancellationToken cancellationToken) =>
        await db.Meetings.AnyAsync(m => m.Id != id && m.CouncilId == meeting.CouncilId && m.Date == meeting.Date, cancellationToken)
            ? Messages.Format("meetingTaken", ("name", municipality.NameSq), ("date", IsoDate.Text(meeting.Date)))
            : null;

    public override Dictionary<string, string?> Defaults(int year) => new() { [Status.Name] = Codes.ToCode(MeetingStatus.Held) };

    public override int? YearOf(FormValues values) => values.Date(Date.Name)?.Year;
}
