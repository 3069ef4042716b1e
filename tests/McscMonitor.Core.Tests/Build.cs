using McscMonitor.Core.Domain;

namespace McscMonitor.Core.Tests;

/// <summary>Small builders so each test states only what it is about.</summary>
internal static class Build
{
    public static Municipality Municipality(string code, Community majority = Community.Albanian, string? name = null) => new()
    {
        Code = code,
        NameSq = name ?? code,
        NameSrLatn = name ?? code,
        NameSrCyrl = name ?? code,
        NameEn = name ?? code,
        RegionCode = "prishtine",
        MajorityCommunity = majority,
    };

    public static Council Council(string municipality, DateOnly established, DateOnly? dissolved = null) => new()
    {
        MunicipalityCode = municipality,
        EstablishedOn = established,
        DissolvedOn = dissolved,
    };

    public static Meeting Held(DateOnly date, bool security = false, bool nonMajority = false) => new()
    {
        Date = date,
        Status = MeetingStatus.Held,
        DiscussedSecurityIncidents = security,
        DiscussedNonMajorityConcerns = nonMajority,
    };

    public static Meeting Cancelled(DateOnly date) => new()
    {
        Date = date,
        Status = MeetingStatus.Cancelled,
        DiscussedSecurityIncidents = true,
    };

    public static Member Member(Gender gender, Community? community, DateOnly appointed, DateOnly? left = null) => new()
    {
        MemberRef = Guid.NewGuid().ToString("N"),
        Gender = gender,
        Community = community,
        Role = MemberRole.Other,
        AppointedOn = appointed,
        LeftOn = left,
    };

    public static DateOnly Date(int year, int month, int day) => new(year, month, day);
}
