namespace McscMonitor.Core.Domain;

/// <summary>Who is to act on a recommendation.</summary>
public enum Institution { Municipality, Mia, Mlga, KosovoPolice, Other }

public enum RecommendationStatus { Open, InProgress, Addressed, NotAddressed }

/// <summary>
/// What a published gap should lead to: a recommendation to an institution, with a due date,
/// a status and dated progress notes, so the next year's fact sheet can say what came of it.
/// </summary>
public sealed class Recommendation : EditableRecord
{
    public required string MunicipalityCode { get; set; }
    public int Year { get; set; }
    public required string Rule { get; set; }
    public required string TextSq { get; set; }
    public required string TextSrLatn { get; set; }
    public required string TextEn { get; set; }
    public Institution Institution { get; set; }
    public DateOnly? DueOn { get; set; }
    public RecommendationStatus Status { get; set; }

    /// <summary>Progress notes, one per line, each starting with its date (YYYY-MM-DD).</summary>
    public string? Progress { get; set; }

    public bool IsOpen => Status is RecommendationStatus.Open or RecommendationStatus.InProgress;

    public bool IsOverdue(DateOnly today) => IsOpen && DueOn < today;

    public string Text(Language language) => language switch
    {
        Language.Sq => TextSq,
        Language.SrLatn => TextSrLatn,
        Language.SrCyrl => Names.SerbianScript.ToCyrillic(TextSrLatn),
        _ => TextEn,
    };
}
