namespace McscMonitor.Import;

/// <summary>
/// A CSV cell that starts with =, +, -, @, a tab or a carriage return is run as a formula by
/// spreadsheet programs (CSV injection). Exports prefix such a cell with an apostrophe, as
/// OWASP advises, and imports take that apostrophe off again, so an export imports back to
/// exactly what was exported.
/// </summary>
public static class FormulaCells
{
    public static string? Neutralize(string? cell) => cell is not null && NeedsPrefix(cell) ? "'" + cell : cell;

    public static string? Restore(string? cell) => cell is { Length: > 1 } && cell[0] == '\'' && NeedsPrefix(cell[1..]) ? cell[1..] : cell;

    /// <summary>A value that itself starts with an apostrophe before a formula character is prefixed too, so restoring is exact.</summary>
    private static bool NeedsPrefix(string cell) =>
        cell.Length > 0 && (cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' || (cell[0] == '\'' && NeedsPrefix(cell[1..])));
}
