using McscMonitor.Core.Domain;

namespace McscMonitor.Core.Localization;

public enum PluralCategory { One, Few, Other }

/// <summary>
/// The CLDR plural rules of the four language forms, for whole numbers. English and Albanian
/// have "one" and "other"; Serbian (both scripts) also "few": 1, 21, 101 → one; 2–4, 22–24 → few;
/// 0, 5–20, 25… → other.
/// </summary>
public static class Plural
{
    public static PluralCategory Of(Language language, long number)
    {
        var n = Math.Abs(number);
        if (language is Language.SrLatn or Language.SrCyrl)
        {
            if (n % 10 == 1 && n % 100 != 11) return PluralCategory.One;
            if (n % 10 is >= 2 and <= 4 && n % 100 is < 12 or > 14) return PluralCategory.Few;
            return PluralCategory.Other;
        }
        return n == 1 ? PluralCategory.One : PluralCategory.Other;
    }

    public static string Suffix(PluralCategory category) => category switch
    {
        PluralCategory.One => "one",
        PluralCategory.Few => "few",
        _ => "other",
    };
}
