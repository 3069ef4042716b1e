namespace McscMonitor.Import;

/// <summary>
/// How much an import may hold, so that no file (a zip or workbook that expands a thousandfold,
/// a field of fifty megabytes, a file of half a million bad rows) can exhaust the server.
/// Set in the `Import` section of the configuration (`Import__MaxUploadMegabytes=…`).
/// </summary>
public sealed record ImportLimits
{
    public const long Megabyte = 1024 * 1024;

    /// <summary>The largest file a browser or script may upload.</summary>
    public int MaxUploadMegabytes { get; init; } = 20;

    /// <summary>The most a file may hold once unpacked: all of a zip's entries, all of a workbook's parts, or a CSV file.</summary>
    public int MaxUncompressedMegabytes { get; init; } = 50;

    /// <summary>
    /// The most a file (or a folder of files) that the command line reads from disk may hold.
    /// Its rows are streamed, so size costs time, not memory: the bound is on how long one import may hold the lock.
    /// </summary>
    public int MaxLocalFileMegabytes { get; init; } = 2048;

    /// <summary>The most entries a zip or a workbook may have (a workbook has a dozen parts).</summary>
    public int MaxArchiveEntries { get; init; } = 100;

    /// <summary>How many times larger an entry may be than its compressed form, once it is past a megabyte (OWASP's rule of thumb).</summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>Errors listed one by one; the rest are counted.</summary>
    public int MaxReportedErrors { get; init; } = 100;

    /// <summary>
    /// Errors after which an import stops checking and is refused with what it found: a file
    /// of a million bad rows costs the time of a thousand, not of a million (each unknown
    /// municipality name is compared with every known one, to suggest the closest).
    /// </summary>
    public int MaxCheckedErrors { get; init; } = 1_000;

    public long MaxUploadBytes => MaxUploadMegabytes * Megabyte;

    public long MaxLocalFileBytes => MaxLocalFileMegabytes * Megabyte;

    public long MaxUncompressedBytes => MaxUncompressedMegabytes * Megabyte;

    public static ImportLimits From(IConfiguration configuration) =>
        configuration.GetSection("Import").Get<ImportLimits>() ?? new ImportLimits();
}
