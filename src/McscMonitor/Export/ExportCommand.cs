using System.CommandLine;
using McscMonitor.Cli;
using McscMonitor.Data;
using McscMonitor.Import;

namespace McscMonitor.Export;

public static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("PATH") { Description = "An .xlsx workbook, or a folder to write CSV files and the records' evidence (attachments/) into" };
        var year = new Option<int?>("--year") { Description = "Only the records of this year" };
        var municipality = new Option<string?>("--municipality") { Description = "Only this municipality (code or any name)" };
        var command = new Command("export", "Exports records in the import format, as CSV files or an XLSX workbook.") { path, year, municipality };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await context.OpenForReadingAsync(cancellationToken);
            if (services is null) return ExitCodes.InputRejected;
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
            string? code = null;
            if (result.GetValue(municipality) is { } name)
            {
                var match = await db.MatchMunicipalityAsync(name, cancellationToken);
                if (match.Municipality is null)
                {
                    await context.Error.WriteLineAsync($"--municipality: {match.Describe(name)}");
                    return ExitCodes.UsageError;
                }
                code = match.Municipality.Code;
            }
            var tables = await scope.ServiceProvider.GetRequiredService<Exporter>().ExportAsync(result.GetValue(year), code, cancellationToken);
            await db.AuditMemberAccessAsync("export", code, Exporter.MemberCount(tables), cancellationToken);
            var target = result.GetValue(path)!;
            if (target.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                await using var file = File.Create(target);
                Exporter.WriteWorkbook(tables, file);
            }
            else
            {
                Exporter.WriteCsvFolder(tables, target);
                var exporter = scope.ServiceProvider.GetRequiredService<Exporter>();
                var files = await exporter.FilesAsync(result.GetValue(year), code, cancellationToken);
                await exporter.WriteFilesAsync(files, relative =>
                {
                    var file = Path.Combine(target, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    return File.Create(file);
                }, cancellationToken);
                await context.Out.WriteLineAsync($"Wrote {files.Count} {ExchangeFiles.Folder} into {Path.Combine(target, ExchangeFiles.Folder)}");
            }
            await context.Out.WriteLineAsync($"Wrote {target}: {string.Join(", ", tables.Select(t => $"{t.Rows.Count()} {t.Name}"))}");
            return ExitCodes.Done;
        });
        return command;
    }
}
