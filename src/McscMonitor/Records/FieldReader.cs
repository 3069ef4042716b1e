using System.Globalization;
using System.Text.RegularExpressions;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Core.Names;
using McscMonitor.Web;

namespace McscMonitor.Records;

/// <summary>
/// Reads typed values from text, wherever the text comes from (a form, a JSON body, a row of an
/// import file), and records a precise error for every value that is not what its field takes:
/// the three ways in share one reading and one set of messages.
/// </summary>
public abstract partial class FieldReader
{
    private static readonly Dictionary<string, bool> Answers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["yes"] = true, ["no"] = false, ["true"] = true, ["false"] = false, ["1"] = true, ["0"] = false,
        ["po"] = true, ["jo"] = false, ["da"] = true, ["ne"] = false, ["да"] = true, ["не"] = false,
    };

    public int ErrorCount { get; private set; }

    /// <summary>The field's text as given, trimmed; null when empty.</summary>
    protected abstract string? Raw(FormField field);

    protected abstract void Report(FormField field, string message);

    public void Error(FormField field, string message)
    {
        ErrorCount++;
        Report(field, message);
    }

    /// <summary>Free text within its length; every value is bounded, codes and numbers by <see cref="TextLimits.Cell"/>.</summary>
    public string? Text(FormField field, int maxLength = TextLimits.Cell)
    {
        var value = Raw(field);
        if (value is null)
        {
            if (field.Required) Error(field, Messages.Current[field.Type switch { FieldType.Date => "dateRequired", FieldType.Year => "yearRequired", _ => "required" }]);
            return null;
        }
        if (RecordRules.Text(value, maxLength) is { } problem)
        {
            Error(field, problem);
            return null;
        }
        return value;
    }

    public DateOnly? Date(FormField field)
    {
        if (Text(field) is not { } text) return null;
        if (!IsoDateShape().IsMatch(text))
            return Fail<DateOnly>(field, Messages.Format("notIsoDate", ("value", text)));
        if (!IsoDate.TryParse(text, out var date))
            return Fail<DateOnly>(field, Messages.Format("noSuchDate", ("value", text)));
        return RecordRules.YearOutOfRange(date) is { } outOfRange ? Fail<DateOnly>(field, outOfRange) : date;
    }

    public int? Year(FormField field)
    {
        if (Text(field) is not { } text) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= YearBounds.First and <= YearBounds.Last
            ? year
            : Fail<int>(field, RecordRules.NotAYear(text));
    }

    public int? Count(FormField field)
    {
        if (Text(field) is not { } text) return null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
            return Fail<int>(field, Messages.Format("notWholeNumber", ("value", text)));
        return RecordRules.NegativeCount(count) is { } negative ? Fail<int>(field, negative) : count;
    }

    /// <summary>Either decimal mark is accepted: people type amounts as their keyboard and habit has it.</summary>
    public decimal? Amount(FormField field)
    {
        if (Text(field) is not { } text) return null;
        if (!decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
            return Fail<decimal>(field, Messages.Format("notAmount", ("value", text)));
        return amount < 0 ? Fail<decimal>(field, Messages.Format("negativeAmount", ("amount", amount))) : amount;
    }

    /// <summary>Yes, no, or not recorded (unknown is not "no"), in any of the four languages.</summary>
    public bool? Answer(FormField field)
    {
        if (Text(field) is not { } text) return null;
        if (Answers.TryGetValue(text, out var value)) return value;
        Error(field, Messages.Format("notYesNo", ("value", text), ("accepted", "yes/no, true/false, 1/0, po/jo, da/ne, да/не")));
        return null;
    }

    /// <param name="labels">
    /// The prefix of the words the forms show for these codes ("status" for "status.held"): a
    /// value may be the word in any of the four languages ("mbajtur", "održan", "одржан") as well
    /// as the code, as a yes/no value may be "po" or "да".
    /// </param>
    public TEnum? Code<TEnum>(FormField field, string? labels) where TEnum : struct, Enum
    {
        if (Text(field) is not { } text) return null;
        if (Codes<TEnum>.TryParse(text, out var value)) return value;
        if (labels is not null)
        {
            foreach (var code in Codes<TEnum>.All)
                if (Languages.All.Any(language => string.Equals(UiTexts.For(language)[$"{labels}.{code}"], text, StringComparison.OrdinalIgnoreCase))
                    && Codes<TEnum>.TryParse(code, out var labelled))
                    return labelled;
        }
        var words = labels is null ? "" : " (" + string.Join(", ", Codes<TEnum>.All.Select(code => UiTexts.For(Messages.Current.Language)[$"{labels}.{code}"])) + ")";
        Error(field, Messages.Format("notOneOf", ("value", text), ("choices", string.Join(", ", Codes<TEnum>.All) + words)));
        return null;
    }

    private T? Fail<T>(FormField field, string message) where T : struct
    {
        Error(field, message);
        return null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDateShape();
}

/// <summary>A record as text by field name: a posted form, or a JSON body put into words.</summary>
public sealed class NamedFieldReader(FormValues values) : FieldReader
{
    public FieldErrors Fields { get; } = new();

    protected override string? Raw(FormField field) => values[field.Name];

    protected override void Report(FormField field, string message) => Fields.Add(field.Name, message);
}
