using System.Globalization;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;

namespace McscMonitor.Records;

/// <summary>Collects field errors in plain words, keyed by the JSON property name.</summary>
public sealed class FieldErrors
{
    public Dictionary<string, string[]> Errors { get; } = [];

    public void Add(string field, string? problem)
    {
        if (problem is not null && !Errors.ContainsKey(field)) Errors[field] = [problem];
    }

    /// <summary>Free text within its length, without control or direction characters.</summary>
    public void Text(string field, string? value, int maxLength) => Add(field, RecordRules.Text(value, maxLength));

    public void Required(string field, object? value)
    {
        if (value is null || value is string text && string.IsNullOrWhiteSpace(text)) Add(field, Messages.Current["required"]);
    }

    public TEnum? Code<TEnum>(string field, string? code, bool required) where TEnum : struct, Enum
    {
        if (code is null)
        {
            if (required) Add(field, Messages.Current["required"]);
            return null;
        }
        if (Codes<TEnum>.TryParse(code, out var value)) return value;
        Add(field, Messages.Format("notOneOf", ("value", code), ("choices", string.Join(", ", Codes<TEnum>.All))));
        return null;
    }

    public async Task<Municipality?> MunicipalityAsync(McscDbContext db, string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            Add("municipality", Messages.Current["municipalityRequired"]);
            return null;
        }
        var match = await db.MatchMunicipalityAsync(name, cancellationToken);
        if (match.Municipality is null) Add("municipality", match.Describe(name));
        return match.Municipality;
    }

    public void Date(string field, DateOnly? date, bool required)
    {
        if (date is null)
        {
            if (required) Add(field, Messages.Current["dateRequired"]);
            return;
        }
        Add(field, RecordRules.YearOutOfRange(date.Value));
    }

}
