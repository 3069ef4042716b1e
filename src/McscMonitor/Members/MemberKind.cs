using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Records;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Members;

public sealed record MemberDto(
    int Id, string Municipality, string MemberRef, string? FullName, string Gender, string? Community, string? Religion,
    string Role, DateOnly AppointedOn, DateOnly? LeftOn, long Version);

public sealed record MemberInput(
    string? Municipality, string? MemberRef, string? FullName, string? Gender, string? Community, string? Religion,
    string? Role, DateOnly? AppointedOn, DateOnly? LeftOn);

/// <summary>Council members over REST (<c>/api/v1/members</c>); names, community and religion are personal data.</summary>
public sealed class MemberKind : RecordKind<Member, MemberDto, MemberInput>
{
    public override string Name => "members";

    public override bool HoldsPersonalData => true;

    /// <summary>A real member is erased, not deleted, so that past figures stay as published.</summary>
    public override bool DeleteNeedsReason => true;

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

    public override MemberDto ToDto(Owned<Member> row) => new(
        row.Record.Id, row.Municipality, row.Record.MemberRef, row.Record.FullName, Codes.ToCode(row.Record.Gender),
        row.Record.Community is { } community ? Codes.ToCode(community) : null, row.Record.Religion, Codes.ToCode(row.Record.Role),
        row.Record.AppointedOn, row.Record.LeftOn, row.Record.Version);

    public override async Task<Checked<Member>> CheckAsync(MemberInput input, McscDbContext db, int? id, DateOnly today, CancellationToken cancellationToken)
    {
        var fields = new FieldErrors();
        var municipality = await fields.MunicipalityAsync(db, input.Municipality, cancellationToken);
        fields.Required("memberRef", input.MemberRef);
        fields.Text("memberRef", input.MemberRef, TextLimits.MemberRef);
        fields.Text("fullName", input.FullName, TextLimits.FullName);
        fields.Text("religion", input.Religion, TextLimits.Religion);
        var gender = fields.Code<Gender>("gender", input.Gender, required: false);
        var community = fields.Code<Community>("community", input.Community, required: false);
        var role = fields.Code<MemberRole>("role", input.Role, required: true);
        fields.Date("appointedOn", input.AppointedOn, required: true);
        fields.Add("appointedOn", RecordRules.AfterToday(input.AppointedOn, today));
        fields.Date("leftOn", input.LeftOn, required: false);
        if (input.LeftOn < input.AppointedOn)
            fields.Add("leftOn", Messages.Format("leftBeforeAppointed", ("left", IsoDate.Text(input.LeftOn)), ("appointed", IsoDate.Text(input.AppointedOn))));
        var council = municipality is null ? null
            : await db.Councils.AsNoTracking().FirstOrDefaultAsync(c => c.MunicipalityCode == municipality.Code, cancellationToken);
        if (municipality is not null && council is null) fields.Add("municipality", RecordRules.NoCouncil(municipality.NameSq));
        if (fields.Errors.Count > 0) return Checked<Member>.Invalid(fields.Errors);

        var reference = input.MemberRef!.Trim();
        var taken = await db.Members.AnyAsync(m => m.Id != id && m.CouncilId == council!.Id && m.MemberRef == reference, cancellationToken);
        return new Checked<Member>([], municipality!.Code, member =>
        {
            member.CouncilId = council!.Id;
            member.MemberRef = reference;
            // Erased data stays erased, whatever an old copy of the record says.
            if (member.ErasedAtUtc is null)
            {
                member.FullName = string.IsNullOrWhiteSpace(input.FullName) ? null : input.FullName.Trim();
                member.Gender = gender ?? Gender.Unknown;
                member.Community = community;
                member.Religion = string.IsNullOrWhiteSpace(input.Religion) ? null : input.Religion.Trim();
            }
            member.Role = role!.Value;
            member.AppointedOn = input.AppointedOn!.Value;
            member.LeftOn = input.LeftOn;
        }, taken ? Messages.Format("memberTaken", ("name", municipality.NameSq), ("reference", reference)) : null);
    }
}
