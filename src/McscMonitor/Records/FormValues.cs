using System.Globalization;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;

namespace McscMonitor.Records;

/// <summary>
/// A form as posted: every value is text, so that what someone typed is shown back with its
/// error instead of being lost to a binding failure. Reading a value that is not what the
/// field expects notes an error in the reader's language.
/// </summary>
public sealed class FormValues(IReadOnlyDictionary<string, string?> values)
{
    public Dictionary<string, string[]> Errors { get; } = [];

    public IReadOnlyDictionary<string, string?> All => values;

    public string? this[string name] => values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public string? Municipality => this["municipality"];

    public long? Version => long.TryParse(this["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;

    public DateOnly? Date(string name) => Read<DateOnly>(name, "notIsoDate", IsoDate.TryParse);

    public int? WholeNumber(string name) => Read(name, "notWholeNumber", (string text, out int number) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number));

    private delegate bool Parser<T>(string text, out T value);

    private T? Read<T>(string name, string problemKey, Parser<T> parse) where T : struct
    {
        if (this[name] is not { } text) return null;
        if (parse(text, out var value)) return value;
        Errors.TryAdd(name, [Messages.Format(problemKey, ("value", text))]);
        return null;
    }
}
