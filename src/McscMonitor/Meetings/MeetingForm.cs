using McscMonitor.Core.Domain;
using McscMonitor.Records;

namespace McscMonitor.Meetings;

public sealed class MeetingForm() : RecordForm<Meeting, MeetingDto, MeetingInput>(new MeetingKind())
{
    public override string TextPrefix => "meeting";

    public override IReadOnlyList<FormField> Fields { get; } =
    [
        new("date", FieldType.Date, Required: true, Description: "YYYY-MM-DD"),
        new("status", FieldType.Choice, Required: true, Options: () => CodesOf<MeetingStatus>("status"), Description: "held or cancelled"),
        new("attendees", FieldType.WholeNumber, Description: "Number of people present"),
        new("womenAttendees", FieldType.WholeNumber, Description: "Number of women present"),
        new("discussedSecurityIncidents", FieldType.Answer, Description: "yes/no"),
        new("discussedNonMajorityConcerns", FieldType.Answer, Description: "yes/no"),
        new("minutesKept", FieldType.Answer, Description: "yes/no"),
    ];

    public override Dictionary<string, string?> Defaults(int year) => new() { ["status"] = Codes.ToCode(MeetingStatus.Held) };

    public override Dictionary<string, string?> ValuesOf(MeetingDto meeting) => new()
    {
        ["date"] = IsoDate.Text(meeting.Date),
        ["status"] = meeting.Status,
        ["attendees"] = FormValues.Invariant(meeting.Attendees),
        ["womenAttendees"] = FormValues.Invariant(meeting.WomenAttendees),
        ["discussedSecurityIncidents"] = FormValues.Answer(meeting.DiscussedSecurityIncidents),
        ["discussedNonMajorityConcerns"] = FormValues.Answer(meeting.DiscussedNonMajorityConcerns),
        ["minutesKept"] = FormValues.Answer(meeting.MinutesKept),
    };

    public override MeetingInput Read(FormValues values) => new(
        values.Municipality, values.Date("date"), values["status"], values.WholeNumber("attendees"), values.WholeNumber("womenAttendees"),
        values.Answer("discussedSecurityIncidents"), values.Answer("discussedNonMajorityConcerns"), values.Answer("minutesKept"));

    public override int? YearOf(FormValues values) => values.Date("date")?.Year;
}
