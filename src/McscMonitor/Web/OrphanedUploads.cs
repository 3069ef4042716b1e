namespace McscMonitor.Web;

/// <summary>
/// ASP.NET buffers a large upload to a temporary file (ASPNETCORE_*.tmp) and deletes it when
/// the request ends; a server killed mid-upload leaves it behind. At start-up, those older than
/// any upload can take are removed, so that another instance's upload in flight is left alone.
/// </summary>
internal static class OrphanedUploads
{
    public static readonly TimeSpan OldEnough = TimeSpan.FromHours(1);

    /// <summary>Where ASP.NET puts them: ASPNETCORE_TEMP, or the system's temporary folder.</summary>
    public static string Folder => Environment.GetEnvironmentVariable("ASPNETCORE_TEMP") is { Length: > 0 } folder ? folder : Path.GetTempPath();

    public static int Remove(string folder, DateTime nowUtc)
    {
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "ASPNETCORE_*.tmp"))
        {
            try
            {
                if (nowUtc - File.GetLastWriteTimeUtc(file) < OldEnough) continue;
                File.Delete(file);
                removed++;
            }
            catch (IOException)
            {
                // In use or gone already: another process's business.
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's file in a shared temporary folder.
            }
        }
        return removed;
    }
}
