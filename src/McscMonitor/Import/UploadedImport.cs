using System.IO.Compression;

namespace McscMonitor.Import;

/// <summary>Reads an uploaded workbook, CSV file or zip of CSV files through the same reader as the CLI.</summary>
public static class UploadedImport
{
    public static async Task<ReadResult> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("mcsc-upload-");
        try
        {
            var name = Path.GetFileName(file.FileName);
            var extension = Path.GetExtension(name).ToLowerInvariant();
            if (extension is not (".xlsx" or ".csv" or ".zip"))
                return new ReadResult([], [new ImportError(name, null, null, "upload an .xlsx workbook, a .csv file or a .zip of CSV files")]);

            var saved = Path.Combine(folder.FullName, name);
            await using (var target = File.Create(saved))
                await file.CopyToAsync(target, cancellationToken);
            if (extension != ".zip") return ExchangeReader.Read(saved);

            var extracted = Directory.CreateDirectory(Path.Combine(folder.FullName, "files"));
            try
            {
                await ZipFile.ExtractToDirectoryAsync(saved, extracted.FullName, cancellationToken);
            }
            catch (InvalidDataException)
            {
                return new ReadResult([], [new ImportError(name, null, null, "the file is not a readable zip archive")]);
            }
            return ExchangeReader.ReadCsvFolder(extracted.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
