using System.Globalization;
using McscMonitor.Core.Localization;
using McscMonitor.Records;

namespace McscMonitor.Import;

/// <summary>
/// A document in the exchange format's <c>attachments/</c> folder (in a zip, or beside the CSV
/// files of a folder): <c>attachments/TABLE/KEY/FILE</c>, where KEY is the record's natural key —
/// <c>peje</c> for Pejë's council, <c>peje_2021-03-01</c> for its meeting of that day,
/// <c>peje_2021</c> for its work plan or compensation of 2021.
/// </summary>
/// <param name="Description">What the file is, from <see cref="ExchangeFiles.DescriptionsPath"/>; null when it says nothing of it.</param>
public sealed record ExchangeFile(string Source, ExchangeSchema Table, string Municipality, string? Key, string FileName, byte[] Content, string? Description = null)
{
    /// <summary>Its path in the archive or folder, as <see cref="ExchangeFiles.PathOf"/> writes it.</summary>
    public string Path => ExchangeFiles.PathOf(Table.Name, Municipality, Key, FileName);
}

/// <summary>A row of <see cref="ExchangeFiles.DescriptionsPath"/>: the description of one file of the import.</summary>
public sealed record FileDescription(string Source, int Row, string File, string Description);

public static class ExchangeFiles
{
    public const string Folder = "attachments";

    /// <summary>
    /// The optional list of what each file is (the description an attachment carries): a CSV
    /// file of two columns, <c>file</c> (its path, as <c>attachments/meetings/peje_2021-03-01/minutes.pdf</c>)
    /// and <c>description</c>. An export writes it when any file has a description.
    /// </summary>
    public const string DescriptionsPath = Folder + "/descriptions.csv";

    public static readonly string[] DescriptionColumns = ["file", "description"];

    /// <summary>The tables whose records take evidence, with their record types.</summary>
    public static readonly IReadOnlyDictionary<string, IRecordDefinition> Tables = new Dictionary<string, IRecordDefinition>
    {
        [ExchangeFormat.Councils.Name] = RecordDefinitions.Councils,
        [ExchangeFormat.Meetings.Name] = RecordDefinitions.Meetings,
        [ExchangeFormat.WorkPlans.Name] = RecordDefinitions.WorkPlans,
        [ExchangeFormat.Compensation.Name] = RecordDefinitions.Compensation,
    };

    /// <summary>Whether an archive entry (by its full name, with forward slashes) is in the attachments folder.</summary>
    public static bool IsAttachment(string fullName) => fullName.StartsWith(Folder + "/", StringComparison.Ordinal);

    /// <summary>Where a record's file goes in an export: the path an import reads it back from.</summary>
    public static string PathOf(string table, string municipality, string? key, string fileName) =>
        $"{Folder}/{table}/{(key is null ? municipality : $"{municipality}_{key}")}/{fileName}";

    /// <summary>The key text of a meeting's date or of a year.</summary>
    public static string KeyOf(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string KeyOf(int year) => year.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads an entry's path into the record it belongs to, or the sentence that says what is wrong with it.</summary>
    /// <param name="relativePath">The path under the archive or folder, with forward slashes.</param>
    public static (ExchangeFile? File, string? Problem) Parse(string source, string relativePath, byte[] content)
    {
        var parts = relativePath.Split('/');
        if (parts.Length != 4 || parts[0] != Folder || parts[3].Length == 0)
            return (null, Messages.Current["attachmentPathShape"]);
        if (ExchangeFormat.Find(parts[1]) is not { } table || !Tables.ContainsKey(table.Name))
            return (null, Messages.Format("attachmentPathTable", ("table", parts[1]), ("tables", string.Join(", ", Tables.Keys))));
        var key = parts[2];
        if (table == ExchangeFormat.Councils)
            return (new ExchangeFile(source, table, key, null, parts[3], content), null);
        var split = key.LastIndexOf('_');
        var (municipality, keyText) = split > 0 ? (key[..split], key[(split + 1)..]) : (key, "");
        var valid = table == ExchangeFormat.Meetings
            ? DateOnly.TryParseExact(keyText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            : int.TryParse(keyText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= Core.Domain.YearBounds.First and <= Core.Domain.YearBounds.Last;
        return valid
            ? (new ExchangeFile(source, table, municipality, keyText, parts[3], content), null)
            : (null, Messages.Format(table == ExchangeFormat.Meetings ? "attachmentPathDate" : "attachmentPathYear", ("key", key)));
    }
}
