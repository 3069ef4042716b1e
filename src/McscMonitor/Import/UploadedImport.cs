using McscMonitor.Core.Localization;

namespace McscMonitor.Import;

/// <summary>Reads an uploaded workbook, CSV file or zip of CSV files through the same bounded reader as the CLI.</summary>
public static class UploadedImport
{
    public static ReadResult Read(IFormFile file, ImportLimits limits)
    {
        // Only the name's last segment is ever shown or used; nothing is written to disk.
        var name = Path.GetFileName(file.FileName.Replace('\\', '/'));
        if (file.Length > limits.MaxUploadBytes)
            return new ReadResult([], [new ImportError(name, null, null, Messages.Format("tooLargeUpload", ("limit", limits.MaxUploadMegabytes)))]);
        // The upload is buffered by the server; each pass over its rows opens it again.
        return ExchangeReader.Read(name, file.OpenReadStream, limits, limits.MaxUncompressedBytes);
    }
}
