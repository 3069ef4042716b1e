using System.Globalization;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Core.Names;

namespace McscMonitor.Import;

/// <summary>
/// Reads typed values from one row, recording a precise error for every bad cell. Whether a
/// column is required is what its table's schema (the record form's fields) says.
/// </summary>
internal sealed class RowReader(ExchangeSchema schema, ExchangeTable table, ExchangeRow row, Func<string, MunicipalityMatch> match, ImportErrors errors)
{
    private static readonly Dictionary<string, bool> Booleans = new(StringComparer.OrdinalIgnoreCase)
    {
        ["yes"] = true, ["no"] = false, ["true"] = true, ["false"] = false, ["1"] = true, ["0"] = false,
        ["po"] = true, ["jo"] = false, ["da"] = true, ["ne"] = false, ["да"] = true, ["не"] = false,
    };

    public int ErrorCount { get; private set; }

    public void Error(string column, string message)
    {
        ErrorCount++;
        errors.Add(new ImportError(table.Source, row.Number, column, message));
    }

    /// <summary>A column the code reads must be one its schema declares: anything else is a mistake here, not in the file.</summary>
    private bool Required(string column) =>
        schema.Columns.FirstOrDefault(c => c.Name == column)?.Required
        ?? throw new InvalidOperationException($"The {schema.Name} table has no column '{column}'.");

    /// <summary>A cell as text; every cell is bounded, free text by its column's own limit.</summary>
    public string? Text(string column, int maxLength = TextLimits.Cell)
    {
        var value = table.Cell(row, column);
        if (value is null && Required(column)) Error(column, Messages.Current["required"]);
        if (RecordRules.Text(value, maxLength) is { } problem)
        {
            Error(column, problem);
            return null;
        }
        return value;
    }

    public Municipality? Municipality(string column = "municipality")
    {
        var name = Text(column);
        if (name is null) return null;
        var found = match(name);
        if (found.Municipality is null) Error(column, found.Describe(name));
        return found.Municipality;
    }

    public DateOnly? Date(string column)
    {
        var text = Text(column);
        if (text is null) return null;
        if (!System.Text.RegularExpressions.Regex.IsMatch(text, @"^\d{4}-\d{2}-\d{2}$"))
        {
            Error(column, Messages.Format("notIsoDate", ("value", text)));
            return null;
        }
        if (!IsoDate.TryParse(text, out var date))
        {
            Error(column, Messages.Format("noSuchDate", ("value", text)));
            return null;
        }
        if (RecordRules.YearOutOfRange(date) is { } outOfRange)
        {
            Error(column, outOfRange);
            return null;
        }
        return date;
    }

    public int? Year(string column)
    {
        var text = Text(column);
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < YearBounds.First or > YearBounds.Last)
        {
            Error(column, RecordRules.NotAYear(text));
            return null;
        }
        return year;
    }

    public int? Count(string column)
    {
        var text = Text(column);
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
        {
            Error(column, Messages.Format("notWholeNumber", ("value", text)));
            return null;
        }
        if (RecordRules.NegativeCount(count) is { } negative)
        {
            Error(column, negative);
            return null;
        }
        return count;
    }

    public decimal? Amount(string column)
    {
        var text = Text(column);
        if (text is null) return null;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            Error(column, Messages.Format("notAmount", ("value", text)));
            return null;
        }
        return amount;
    }

    public bool? Boolean(string column)
    {
        var text = Text(column);
        if (text is null) return null;
        if (Booleans.TryGetValue(text, out var value)) return value;
        Error(column, Messages.Format("notYesNo", ("value", text), ("accepted", "yes/no, true/false, 1/0, po/jo, da/ne, да/не")));
        return null;
    }

    /// <param name="labels">
    /// The prefix of the words the forms show for these codes ("status" for "status.held"):
    /// a cell may hold the word in any of the four languages ("mbajtur", "održan", "одржан")
    /// as well as the code, as a yes/no cell may hold "po" or "да".
    /// </param>
    public TEnum? Code<TEnum>(string column, string? labels = null) where TEnum : struct, Enum
    {
        var text = Text(column);
        if (text is null) return null;
        if (Codes<TEnum>.TryParse(text, out var value)) return value;
        if (labels is not null)
        {
            foreach (var code in Codes<TEnum>.All)
                if (Languages.All.Any(language => string.Equals(Web.UiTexts.For(language)[$"{labels}.{code}"], text.Trim(), StringComparison.OrdinalIgnoreCase))
                    && Codes<TEnum>.TryParse(code, out var labelled))
                    return labelled;
        }
        var words = labels is null ? "" : " (" + string.Join(", ", Codes<TEnum>.All.Select(code => Web.UiTexts.For(Messages.Current.Language)[$"{labels}.{code}"])) + ")";
        Error(column, Messages.Format("notOneOf", ("value", text), ("choices", string.Join(", ", Codes<TEnum>.All) + words)));
        return null;
    }
}
