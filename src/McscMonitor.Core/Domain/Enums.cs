namespace McscMonitor.Core.Domain;

public enum Community { Albanian, Serbian, Turkish, Bosniak, Roma, Ashkali, Egyptian, Gorani, Croat, Montenegrin, Other }

public enum Gender { Female, Male, Other, Unknown }

public enum MemberRole
{
    Chair,
    Police,
    MunicipalOfficial,
    CommunityRepresentative,
    ReligiousRepresentative,
    CivilSociety,
    WomenRepresentative,
    YouthRepresentative,
    Other,
}

public enum MeetingStatus { Held, Cancelled }

public enum CompensationStatus { Paid, Partial, None }

/// <summary>The four language forms every published text exists in.</summary>
public enum Language { Sq, SrLatn, SrCyrl, En }

public static class Languages
{
    public static readonly IReadOnlyList<Language> All = [Language.Sq, Language.SrLatn, Language.SrCyrl, Language.En];

    public static string Tag(this Language language) => language switch
    {
        Language.Sq => "sq",
        Language.SrLatn => "sr-Latn",
        Language.SrCyrl => "sr-Cyrl",
        _ => "en",
    };

    /// <summary>The language of a tag, English for a tag that names none (callers that must refuse one use <see cref="TryParse"/>).</summary>
    public static Language ParseOrEnglish(string? tag) => TryParse(tag, out var language) ? language : Language.En;

    public static bool TryParse(string? tag, out Language language)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Tag(), tag, StringComparison.OrdinalIgnoreCase))
            {
                language = candidate;
                return true;
            }
        }
        language = Language.En;
        return false;
    }
}
