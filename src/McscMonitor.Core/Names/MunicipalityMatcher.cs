using System.Globalization;
using System.Text;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;

namespace McscMonitor.Core.Names;

public sealed record MunicipalityMatch(Municipality? Municipality, IReadOnlyList<Municipality> Suggestions, bool IsAmbiguous)
{
    public string Describe(string input)
    {
        var names = string.Join(Messages.Current["or"], Suggestions.Select(candidate => $"{candidate.NameSq} ({candidate.Code})"));
        if (IsAmbiguous) return Messages.Format("ambiguousMunicipality", ("input", input), ("names", names));
        return Suggestions.Count > 0
            ? Messages.Format("unknownMunicipalitySuggest", ("input", input), ("names", names))
            : Messages.Format("unknownMunicipality", ("input", input));
    }
}

/// <summary>
/// Finds a municipality from its code or any official name, alias or script: case- and
/// diacritic-insensitive, Cyrillic read as Latin (`Pejë`, `Peja`, `Peć`, `Pec`, `Пећ`).
/// </summary>
public sealed class MunicipalityMatcher
{
    private readonly Dictionary<string, List<Municipality>> _byName = [];

    public MunicipalityMatcher(IEnumerable<Municipality> municipalities)
    {
        foreach (var municipality in municipalities)
        {
            foreach (var name in NamesOf(municipality).Select(Normalize).Distinct())
            {
                if (!_byName.TryGetValue(name, out var owners)) _byName[name] = owners = [];
                owners.Add(municipality);
            }
        }
    }

    public MunicipalityMatch Match(string input)
    {
        var key = Normalize(input);
        if (_byName.TryGetValue(key, out var exact))
            return exact.Count == 1 ? new(exact[0], [], false) : new(null, exact, true);
        if (key.Length == 0) return new(null, [], false);

        var containing = _byName
            .Where(pair => $" {pair.Key} ".Contains($" {key} ", StringComparison.Ordinal))
            .SelectMany(pair => pair.Value)
            .DistinctBy(municipality => municipality.Code)
            .ToList();
        if (containing.Count > 1) return new(null, containing, true);

        var closest = _byName
            .Select(pair => (pair.Value, Distance: Levenshtein(key, pair.Key)))
            .Where(candidate => candidate.Distance <= Math.Max(2, key.Length / 3))
            .OrderBy(candidate => candidate.Distance)
            .SelectMany(candidate => candidate.Value)
            .Concat(containing)
            .DistinctBy(municipality => municipality.Code)
            .Take(3)
            .ToList();
        return new(null, closest, false);
    }

    public static IEnumerable<string> NamesOf(Municipality municipality) =>
        new[] { municipality.Code, municipality.NameSq, municipality.NameSrLatn, municipality.NameSrCyrl, municipality.NameEn }
            .Concat(municipality.NameEn.Split('/'))
            .Concat(municipality.Aliases.Split('|', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Lower case, Latin script, no diacritics, words separated by one space.</summary>
    public static string Normalize(string text)
    {
        var decomposed = SerbianScript.ToLatin(text).Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var character in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) == UnicodeCategory.NonSpacingMark) continue;
            builder.Append(char.IsLetterOrDigit(character) ? char.ToLowerInvariant(character) : ' ');
        }
        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
