using McscMonitor.Core.Domain;
using McscMonitor.Core.Names;
using McscMonitor.Records;

namespace McscMonitor.Import;

/// <summary>
/// Reads one row of an exchange table as a record type's fields, each from its column, and
/// records a precise error (file, row, column) for every bad cell.
/// </summary>
internal sealed class RowReader(ExchangeTable table, ExchangeRow row, Func<string, MunicipalityMatch> match, ImportErrors errors) : FieldReader
{
    /// <summary>The column every table starts with.</summary>
    public static readonly FormField MunicipalityColumn = new("municipality", FieldType.Text, Required: true);

    protected override string? Raw(FormField field) => table.Cell(row, field.Column);

    protected override void Report(FormField field, string message) => errors.Add(new ImportError(table.Source, row.Number, field.Column, message));

    /// <summary>The row's municipality, by its code or any official name.</summary>
    public Municipality? Municipality()
    {
        var name = Text(MunicipalityColumn);
        if (name is null) return null;
        var found = match(name);
        if (found.Municipality is null) Error(MunicipalityColumn, found.Describe(name));
        return found.Municipality;
    }
}
