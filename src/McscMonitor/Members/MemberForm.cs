using McscMonitor.Core.Domain;
using McscMonitor.Records;
using McscMonitor.ReferenceData;
using McscMonitor.Web;

namespace McscMonitor.Members;

public sealed class MemberForm() : RecordForm<Member, MemberDto, MemberInput>(new MemberKind())
{
    private static readonly string UnknownGender = Codes.ToCode(Gender.Unknown);

    public override string TextPrefix => "member";

    public override IReadOnlyList<FormField> Fields { get; } =
    [
        new("memberRef", FieldType.Text, Required: true, Description: "Your own stable reference for the member, unique within the municipality"),
        new("fullName", FieldType.Text, Description: "Personal data: shown only to authorised users"),
        // "Not recorded" is the empty choice, so Unknown is not offered twice.
        new("gender", FieldType.Choice, Options: () => CodesOf<Gender>("gender").Where(option => option.Value != UnknownGender).ToList(), Description: "female, male, other or unknown"),
        new("community", FieldType.Choice, Options: () => Codes<Community>.All
            .Select(code => (code, ReferenceCatalog.CommunityName(Codes<Community>.Parse(code), UiTexts.Current.Language))).ToList(), Description: "albanian, serbian, turkish, bosniak, roma, ashkali, egyptian, gorani, croat, montenegrin, other"),
        new("religion", FieldType.Text, Description: "Personal data: shown only to authorised users"),
        new("role", FieldType.Choice, Required: true, Options: () => CodesOf<MemberRole>("role"), Description: "chair, police, municipal_official, community_representative, religious_representative, civil_society, women_representative, youth_representative, other"),
        new("appointedOn", FieldType.Date, Required: true, Description: "YYYY-MM-DD"),
        new("leftOn", FieldType.Date, Description: "YYYY-MM-DD, empty while serving"),
    ];

    public override MemberInput Read(FormValues values) => new(
        values.Municipality, values["memberRef"], values["fullName"], values["gender"], values["community"], values["religion"],
        values["role"], values.Date("appointedOn"), values.Date("leftOn"));

    public override Dictionary<string, string?> ValuesOf(MemberDto member) => new()
    {
        ["memberRef"] = member.MemberRef,
        ["fullName"] = member.FullName,
        ["role"] = member.Role,
        ["gender"] = member.Gender == UnknownGender ? null : member.Gender,
        ["community"] = member.Community,
        ["religion"] = member.Religion,
        ["appointedOn"] = IsoDate.Text(member.AppointedOn),
        ["leftOn"] = IsoDate.Text(member.LeftOn),
    };

    public override int? YearOf(FormValues values) => (values.Date("leftOn") ?? values.Date("appointedOn"))?.Year;
}
