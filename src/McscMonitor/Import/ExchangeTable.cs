namespace McscMonitor.Import;

/// <summary>A row as read, numbered as a spreadsheet shows it (the header is row 1).</summary>
/// <param name="Unreadable">Why the file could not be read past this row (not UTF-8, a quote left open); the row has no cells then.</param>
public sealed record ExchangeRow(int Number, IReadOnlyList<string?> Cells, string? Unreadable = null);

/// <summary>
/// One table of the exchange format as read from a CSV file or a workbook sheet. A table read
/// from a file streams its rows: each enumeration reads the file again, row by row, so an
/// import of a million rows never holds them all.
/// </summary>
public sealed record ExchangeTable(string Name, string Source, IReadOnlyList<string> Headers, IEnumerable<ExchangeRow> Rows)
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

/// <param name="Name">What was read, for the import's audit entry: a file's or a folder's name.</param>
/// <param name="Checksum">The SHA-256 of what was read (of a single file, its bytes: what <c>sha256sum</c> prints).</param>
public sealed record ReadResult(IReadOnlyList<ExchangeTable> Tables, IReadOnlyList<ImportError> Errors, string Name = "", string Checksum = "")
{
    /// <summary>The documents of its <c>attachments/</c> folder, attached to their records after the tables are written.</summary>
    public IReadOnlyList<ExchangeFile> Files { get; init; } = [];

    /// <summary>The rows of its <see cref="ExchangeFiles.DescriptionsPath"/>, until they are matched to <see cref="Files"/>.</summary>
    public IReadOnlyList<FileDescription> Descriptions { get; init; } = [];
}
