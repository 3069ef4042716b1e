namespace McscMonitor.Import;

/// <summary>A row as read, numbered as a spreadsheet shows it (the header is row 1).</summary>
public sealed record ExchangeRow(int Number, IReadOnlyList<string?> Cells);

/// <summary>One table of the exchange format as read from a CSV file or a workbook sheet.</summary>
public sealed record ExchangeTable(string Name, string Source, IReadOnlyList<string> Headers, IReadOnlyList<ExchangeRow> Rows)
{
    public int ColumnIndex(string column)
    {
        for (var index = 0; index < Headers.Count; index++)
            if (Headers[index] == column) return index;
        return -1;
    }

    public string? Cell(ExchangeRow row, string column)
    {
        var index = ColumnIndex(column);
        if (index < 0 || index >= row.Cells.Count) return null;
        var value = row.Cells[index]?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}

public sealed record ImportError(string Source, int? Row, string? Column, string Message)
{
    public override string ToString()
    {
        var where = Source;
        if (Row is not null) where += $", row {Row}";
        if (Column is not null) where += $", column {Column}";
        return $"{where}: {Message}";
    }
}

public sealed record ReadResult(IReadOnlyList<ExchangeTable> Tables, IReadOnlyList<ImportError> Errors);
