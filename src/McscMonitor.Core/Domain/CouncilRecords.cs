namespace McscMonitor.Core.Domain;

/// <summary>A row users edit; <see cref="Version"/> detects concurrent edits.</summary>
public abstract class EditableRecord
{
    public int Id { get; set; }
    public long Version { get; set; }
}

public sealed class Council : EditableRecord
{
    public required string MunicipalityCode { get; set; }
    public DateOnly EstablishedOn { get; set; }
    public string? AssemblyDecision { get; set; }
    public DateOnly? DissolvedOn { get; set; }

    public List<Member> Members { get; set; } = [];
    public List<Meeting> Meetings { get; set; } = [];
    public List<WorkPlan> WorkPlans { get; set; } = [];

    public bool IsEstablishedIn(int year) =>
        EstablishedOn <= new DateOnly(year, 12, 31) && !(DissolvedOn < new DateOnly(year, 1, 1));
}

public sealed class Member : EditableRecord
{
    public int CouncilId { get; set; }

    /// <summary>The recorder's own stable reference, so re-imports update instead of duplicate.</summary>
    public required string MemberRef { get; set; }

    public string? FullName { get; set; }
    public Gender Gender { get; set; } = Gender.Unknown;
    public Community? Community { get; set; }
    public string? Religion { get; set; }
    public MemberRole Role { get; set; }
    public DateOnly AppointedOn { get; set; }
    public DateOnly? LeftOn { get; set; }

    /// <summary>
    /// When the member's personal data was erased. The counts they made (a woman, a member of a
    /// non-majority community) are kept without the data, so past figures stay what they were.
    /// </summary>
    public DateTime? ErasedAtUtc { get; set; }
    public bool? ErasedCountedAsWoman { get; set; }
    public bool? ErasedCountedAsNonMajority { get; set; }

    /// <summary>
    /// The community an erased member counted in, for the aggregates only (a year's list of
    /// communities represented), so that erasure does not change a year's figures or a published
    /// version's. Never shown for the member: their record, exports and audit trail say "erased".
    /// </summary>
    public Community? ErasedCountedCommunity { get; set; }

    /// <summary>The community this member counts in: the one recorded, or after erasure the one they counted in.</summary>
    public Community? CountedCommunity => Community ?? ErasedCountedCommunity;

    public bool IsServingOn(DateOnly date) => AppointedOn <= date && !(LeftOn < date);

    public bool CountsAsWoman => Indicators.MemberGroup.IsWoman(ErasedCountedAsWoman, Gender);

    public bool CountsAsNonMajority(Municipality municipality) =>
        Indicators.MemberGroup.IsNonMajority(ErasedCountedAsNonMajority, Community, municipality);

    /// <summary>The word that stands in the record, the exports and the audit trail for erased data.</summary>
    public const string ErasedText = "erased";

    /// <summary>Replaces name, community, religion and gender; the member stays, counted as before (in the same groups and community).</summary>
    public void Erase(Municipality municipality, DateTime now)
    {
        ErasedCountedAsWoman = CountsAsWoman;
        ErasedCountedAsNonMajority = CountsAsNonMajority(municipality);
        ErasedCountedCommunity = CountedCommunity;
        FullName = ErasedText;
        Religion = null;
        Community = null;
        Gender = Gender.Unknown;
        ErasedAtUtc = now;
    }
}

public sealed class Meeting : EditableRecord
{
    public int CouncilId { get; set; }
    public DateOnly Date { get; set; }
    public MeetingStatus Status { get; set; }
    public int? Attendees { get; set; }
    public int? WomenAttendees { get; set; }
    public bool? DiscussedSecurityIncidents { get; set; }
    public bool? DiscussedNonMajorityConcerns { get; set; }
    public bool? MinutesKept { get; set; }

    public bool DiscussedSecurityOrNonMajority =>
        DiscussedSecurityIncidents == true || DiscussedNonMajorityConcerns == true;
}

public sealed class WorkPlan : EditableRecord
{
    public int CouncilId { get; set; }
    public int Year { get; set; }

    /// <summary>Empty means the plan is recorded but was not adopted (a draft).</summary>
    public DateOnly? AdoptedOn { get; set; }

    public bool? AddressesNonMajorityConcerns { get; set; }
}

public sealed class Compensation : EditableRecord
{
    public required string MunicipalityCode { get; set; }
    public int Year { get; set; }
    public CompensationStatus Status { get; set; }
    public decimal? AmountPerMeetingEur { get; set; }
}
