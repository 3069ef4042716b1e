using System.IO.Compression;
using McscMonitor.Core.Localization;

namespace McscMonitor.Import;

/// <summary>
/// Checks a zip (an upload of CSV files, or a workbook, which is a zip of XML parts) against
/// <see cref="ImportLimits"/> before anything is read from it: the entries are counted and
/// each is decompressed into nothing, byte by byte, so a bomb is refused as soon as it passes
/// a limit, without ever being held in memory or written to disk. Sizes written in the
/// archive are not trusted; only bytes actually decompressed count.
/// </summary>
public static class ArchiveGuard
{
    private const long RatioFloorBytes = 1024 * 1024;

    /// <summary>The problem with the archive in plain words, or null when it is within every limit.</summary>
    /// <param name="decompressed">How many bytes were decompressed to decide (tests check that a bomb stops early).</param>
    public static string? Check(Stream archive, ImportLimits limits, bool allowNested, out long decompressed)
    {
        decompressed = 0;
        try
        {
            using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > limits.MaxArchiveEntries)
                return Messages.Format("tooManyEntries", ("count", zip.Entries.Count), ("limit", limits.MaxArchiveEntries));
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                // A document of the attachments folder may be an office file, itself a zip: EvidenceFile checks it as one.
                var nestedRefused = !allowNested && !ExchangeFiles.IsAttachment(entry.FullName);
                if (nestedRefused && IsArchiveName(entry.Name)) return Messages.Format("nestedArchive", ("entry", entry.Name));
                try
                {
                    using var content = entry.Open();
                    long entryBytes = 0;
                    int read;
                    while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        if (nestedRefused && entryBytes == 0 && read >= 4 && buffer[0] == 'P' && buffer[1] == 'K' && buffer[2] == 3 && buffer[3] == 4)
                            return Messages.Format("nestedArchive", ("entry", entry.Name));
                        entryBytes += read;
                        decompressed += read;
                        if (decompressed > limits.MaxUncompressedBytes)
                            return Messages.Format("tooLargeUnpacked", ("limit", limits.MaxUncompressedMegabytes));
                        if (entryBytes > RatioFloorBytes && entryBytes > limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                            return Messages.Format("compressionRatio", ("entry", entry.Name), ("limit", limits.MaxCompressionRatio));
                    }
                }
                catch (Exception damaged) when (damaged is InvalidDataException or NotSupportedException or IOException)
                {
                    return Messages.Format("damagedEntry", ("entry", entry.Name));
                }
            }
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or NotSupportedException or IOException)
        {
            // The archive's own directory is damaged or not a zip at all (the reader finds out lazily).
            return Messages.Current["notZip"];
        }
        archive.Position = 0;
        return null;
    }

    private static bool IsArchiveName(string name) =>
        Path.GetExtension(name).ToLowerInvariant() is ".zip" or ".xlsx" or ".xlsm" or ".gz" or ".7z" or ".rar" or ".tar" or ".jar";
}
