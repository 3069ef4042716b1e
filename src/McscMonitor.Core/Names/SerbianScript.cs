using System.Text;

namespace McscMonitor.Core.Names;

/// <summary>
/// Serbian Latin ⇄ Cyrillic (Vuk's alphabet). Text inside {braces} is left alone so that
/// message placeholders survive transliteration.
/// </summary>
public static class SerbianScript
{
    private static readonly (string Latin, string Cyrillic)[] Digraphs =
    [
        ("Lj", "Љ"), ("LJ", "Љ"), ("lj", "љ"),
        ("Nj", "Њ"), ("NJ", "Њ"), ("nj", "њ"),
        ("Dž", "Џ"), ("DŽ", "Џ"), ("dž", "џ"),
    ];

    private static readonly Dictionary<char, string> LatinLetters = new()
    {
        ['A'] = "А", ['B'] = "Б", ['C'] = "Ц", ['Č'] = "Ч", ['Ć'] = "Ћ", ['D'] = "Д", ['Đ'] = "Ђ",
        ['E'] = "Е", ['F'] = "Ф", ['G'] = "Г", ['H'] = "Х", ['I'] = "И", ['J'] = "Ј", ['K'] = "К",
        ['L'] = "Л", ['M'] = "М", ['N'] = "Н", ['O'] = "О", ['P'] = "П", ['R'] = "Р", ['S'] = "С",
        ['Š'] = "Ш", ['T'] = "Т", ['U'] = "У", ['V'] = "В", ['Z'] = "З", ['Ž'] = "Ж",
        ['a'] = "а", ['b'] = "б", ['c'] = "ц", ['č'] = "ч", ['ć'] = "ћ", ['d'] = "д", ['đ'] = "ђ",
        ['e'] = "е", ['f'] = "ф", ['g'] = "г", ['h'] = "х", ['i'] = "и", ['j'] = "ј", ['k'] = "к",
        ['l'] = "л", ['m'] = "м", ['n'] = "н", ['o'] = "о", ['p'] = "п", ['r'] = "р", ['s'] = "с",
        ['š'] = "ш", ['t'] = "т", ['u'] = "у", ['v'] = "в", ['z'] = "з", ['ž'] = "ж",
    };

    private static readonly Dictionary<char, string> CyrillicLetters = BuildCyrillicLetters();

    public static string ToCyrillic(string latin)
    {
        var output = new StringBuilder(latin.Length);
        var index = 0;
        while (index < latin.Length)
        {
            if (latin[index] == '{')
            {
                var close = latin.IndexOf('}', index);
                var end = close < 0 ? latin.Length : close + 1;
                output.Append(latin, index, end - index);
                index = end;
                continue;
            }
            var digraph = Digraphs.FirstOrDefault(pair => string.CompareOrdinal(latin, index, pair.Latin, 0, 2) == 0);
            if (digraph.Latin is not null)
            {
                output.Append(digraph.Cyrillic);
                index += 2;
                continue;
            }
            output.Append(LatinLetters.TryGetValue(latin[index], out var letter) ? letter : latin[index].ToString());
            index++;
        }
        return output.ToString();
    }

    public static string ToLatin(string cyrillic)
    {
        var output = new StringBuilder(cyrillic.Length);
        foreach (var character in cyrillic)
            output.Append(CyrillicLetters.TryGetValue(character, out var letter) ? letter : character.ToString());
        return output.ToString();
    }

    private static Dictionary<char, string> BuildCyrillicLetters()
    {
        var letters = LatinLetters.ToDictionary(pair => pair.Value[0], pair => pair.Key.ToString());
        letters['Љ'] = "Lj"; letters['љ'] = "lj";
        letters['Њ'] = "Nj"; letters['њ'] = "nj";
        letters['Џ'] = "Dž"; letters['џ'] = "dž";
        return letters;
    }
}
