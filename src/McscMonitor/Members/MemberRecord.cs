using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Records;
using McscMonitor.ReferenceData;
using McscMonitor.Web;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Members;

/// <summary>A council member (<c>/api/v1/members</c>, the members table), known by the municipality's own reference; names, community and religion are personal data.</summary>
public sealed class MemberRecord : RecordDefinition<Member>
{
    private static readonly string UnknownGender = Codes.ToCode(Gender.Unknown);

    private static readonly RecordField<Member> MemberRef = Field<Member>.Text("memberRef", m => m.MemberRef, (m, v) => m.MemberRef = v ?? "",
        TextLimits.MemberRef, required: true, description: "Your own stable reference for the member, unique within the municipality") with
    { Key = true };
    private static readonly RecordField<Member> AppointedOn =
        Field<Member>.Date("appointedOn", m => m.AppointedOn, (m, v) => m.AppointedOn = v ?? default, required: true);
    private static readonly RecordField<Member> LeftOn =
        Field<Member>.Date("leftOn", m => m.LeftOn, (m, v) => m.LeftOn = v, description: "YYYY-MM-DD, empty while serving");

    public override string Path => "members";

    public override string TextPrefix => "member";

    public override IReadOnlyList<RecordField<Member>> RecordFields { get; } =
    [
        MemberRef,
        Field<Member>.Text("fullName", m => m.FullName, (m, v) => m.FullName = v, TextLimits.FullName,
            description: "Personal data: shown only to authorised users") with { Personal = true, CountsInYear = false },
        // "Not recorded" is the empty choice, so Unknown is not offered twice.
        Field<Member>.Choice<Gender>("gender", m => m.Gender, (m, v) => m.Gender = v ?? Gender.Unknown, labels: "gender",
            options: () => Field<Member>.CodesOf<Gender>("gender").Where(option => option.Value != UnknownGender).ToList(),
            description: "female, male, other or unknown") with { Personal = true },
        Field<Member>.Choice<Community>("community", m => m.Community, (m, v) => m.Community = v, labels: null,
            options: () => Codes<Community>.All.Select(code => (code, ReferenceCatalog.CommunityName(Codes<Community>.Parse(code), UiTexts.Current.Language))).ToList())
            with { Personal = true },
        Field<Member>.Text("religion", m => m.Religion, (m, v) => m.Religion = v, TextLimits.Religion,
            description: "Personal data: shown only to authorised users") with { Personal = true, CountsInYear = false },
        Field<Member>.Choice<MemberRole>("role", m => m.Role, (m, v) => m.Role = v ?? default, labels: "role", required: true),
        AppointedOn,
        LeftOn,
    ];

    public override bool HoldsPersonalData => true;

    /// <summary>A real member is erased, not deleted, so that past figures stay as published.</summary>
    public override bool DeleteNeedsReason => true;

    public override bool Erased(Member member) => member.ErasedAtUtc is not null;

    public override Member Blank() => new() { MemberRef = "" };

    public override IQueryable<Owned<Member>> Rows(McscDbContext db) =>
        db.Members.AsNoTracking().Join(db.Councils, member => member.CouncilId, council => council.Id,
            (member, council) => new Owned<Member> { Record = member, Municipality = council.MunicipalityCode });

    /// <summary>Members who served at any time in the year.</summary>
    public override IQueryable<Owned<Member>> InYear(IQueryable<Owned<Member>> rows, int year) =>
        rows.Where(row => row.Record.AppointedOn <= new DateOnly(year, 12, 31)
                          && (row.Record.LeftOn == null || row.Record.LeftOn >= new DateOnly(year, 1, 1)));

    public override IOrderedQueryable<Owned<Member>> Order(IQueryable<Owned<Member>> rows) =>
        rows.OrderBy(row => row.Municipality).ThenBy(row => row.Record.MemberRef);

    public override IEnumerable<(FormField, string?)> Rules(Member member, DateOnly today) =>
    [
        (AppointedOn.Form, RecordRules.AfterToday(member.AppointedOn, today)),
        (LeftOn.Form, member.LeftOn < member.AppointedOn
            ? Messages.Format("leftBeforeAppointed", ("left", IsoDate.Text(member.LeftOn)), ("appointed", IsoDate.Text(member.AppointedOn)))
            : null),
    ];

    public override async Task<Action<Member>?> PlaceAsync(
        Member member, Municipality municipality, McscDbContext db, FieldErrors errors, CancellationToken cancellationToken)
    {
        var council = await CouncilAsync(db, municipality, errors, "municipality",
            council => council is null ? RecordRules.NoCouncil(municipality.NameSq) : null, cancellationToken);
        return council is null ? null : record => record.CouncilId = council.Id;
    }

    public override async Task<string?> TakenAsync(Member member, Municipality municipality, int? id, McscDbContext db, CancellationToken cancellationToken) =>
        await db.Members.AnyAsync(m => m.Id != id && m.CouncilId == member.CouncilId && m.MemberRef == member.MemberRef, cancellationToken)
            ? Messages.Format("memberTaken", ("name", municipality.NameSq), ("reference", member.MemberRef))
            : null;

    public override int? YearOf(FormValues values) => (values.Date(LeftOn.Name) ?? values.Date(AppointedOn.Name))?.Year;
}
