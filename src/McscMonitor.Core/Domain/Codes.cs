using System.Text;

namespace McscMonitor.Core.Domain;

/// <summary>
/// Enum values travel as snake_case codes (`municipal_official`) in files, JSON and the
/// database, derived from the member's name: renaming a member changes its code, so a rename
/// needs a migration of the stored values and breaks files and scripts written before it.
/// </summary>
public static class Codes<TEnum> where TEnum : struct, Enum
{
    // Plain dictionaries: a handful of values each, and a frozen one costs more to build, at every
    // command's start, than all of its lookups save.
    private static readonly Dictionary<TEnum, string> ToCodes =
        Enum.GetValues<TEnum>().ToDictionary(value => value, value => SnakeCase(value.ToString()));

    private static readonly Dictionary<string, TEnum> FromCodes =
        ToCodes.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<string> All => ToCodes.Values;

    public static string ToCode(TEnum value) => ToCodes[value];

    public static bool TryParse(string? code, out TEnum value) =>
        FromCodes.TryGetValue(code?.Trim() ?? "", out value);

    public static TEnum Parse(string code) =>
        TryParse(code, out var value)
            ? value
            : throw new FormatException($"'{code}' is not one of: {string.Join(", ", All)}.");

    private static string SnakeCase(string name) => Codes.SnakeCase(name);
}

/// <summary>The code of an enum value whose type is known only at run time (audit, logs).</summary>
public static class Codes
{
    public static string ToCode(Enum value) => SnakeCase(value.ToString());

    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder();
        foreach (var character in name)
        {
            if (char.IsUpper(character) && builder.Length > 0) builder.Append('_');
            builder.Append(char.ToLowerInvariant(character));
        }
        return builder.ToString();
    }
}
