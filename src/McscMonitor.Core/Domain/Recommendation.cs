namespace McscMonitor.Core.Domain;

/// <summary>Who is to act on a recommendation.</summary>
public enum Institution { Municipality, Mia, Mlga, KosovoPolice, Other }

public enum RecommendationStatus { Open, InProgress, Addressed, NotAddressed }

/// <summary>A recommendation's text as a reader sees it: in their language, or in the one it was written in while its translation is pending.</summary>
public sealed record RecommendationText(string Text, Language WrittenIn, bool TranslationPending);

/// <summary>
/// What a published gap should lead to: a recommendation to an institution, with a due date,
/// a status and dated progress notes, so the next year's fact sheet can say what came of it.
/// It may be written in one language first; the others are then pending translation.
/// </summary>
public sealed class Recommendation : EditableRecord
{
    public required string MunicipalityCode { get; set; }
    public int Year { get; set; }
    public required string Rule { get; set; }
    public string? TextSq { get; set; }
    public string? TextSrLatn { get; set; }
    public string? TextEn { get; set; }
    public Institution Institution { get; set; }
    public DateOnly? DueOn { get; set; }
    public RecommendationStatus Status { get; set; }

    public bool IsOpen => Status is RecommendationStatus.Open or RecommendationStatus.InProgress;

    public bool IsOverdue(DateOnly today) => IsOpen && DueOn < today;

    /// <summary>The text in the reader's language when there is one, otherwise in the first written of the others (English, then Albanian, then Serbian).</summary>
    public RecommendationText TextFor(Language reader)
    {
        var own = reader switch
        {
            Language.Sq => TextSq,
            Language.SrLatn => TextSrLatn,
            Language.SrCyrl => TextSrLatn is null ? null : Names.SerbianScript.ToCyrillic(TextSrLatn),
            _ => TextEn,
        };
        if (own is not null) return new RecommendationText(own, reader, false);
        var (text, language) = TextEn is not null ? (TextEn, Language.En)
            : TextSq is not null ? (TextSq, Language.Sq)
            : (TextSrLatn ?? "", reader == Language.SrCyrl ? Language.SrCyrl : Language.SrLatn);
        return new RecommendationText(text, language, true);
    }
}

/// <summary>A dated note on what has been done about a recommendation, by whoever wrote it; notes are added, not rewritten.</summary>
public sealed class ProgressNote : EditableRecord
{
    public int RecommendationId { get; set; }

    /// <summary>The recommendation's municipality, so that a note is scoped and audited like the recommendation.</summary>
    public required string MunicipalityCode { get; set; }

    public DateOnly WrittenOn { get; set; }
    public required string Author { get; set; }
    public required string Text { get; set; }
}
