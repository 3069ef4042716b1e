using System.Globalization;
using System.IO.Compression;
using System.Security.Claims;
using McscMonitor.Audit;
using McscMonitor.Core.Domain;
using McscMonitor.Data;
using McscMonitor.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McscMonitor.Export;

internal static class ExportApi
{
    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/export", ExportAsync).WithTags("Export").RequireAuthorization(RecordAccess.Policy)
            .WithName("Export").WithSummary("Records in the import format: an XLSX workbook, or a zip of CSV files with the records' evidence in its attachments/ folder (format=csv).")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip")
            .Produces(StatusCodes.Status403Forbidden);
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, ForbidHttpResult, ValidationProblem>> ExportAsync(
        string? format, string? year, string? municipality, McscDbContext db, Exporter exporter, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (format is not (null or "" or "xlsx" or "csv"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [Core.Localization.Messages.Format("unknownFormat", ("format", format), ("formats", "xlsx, csv"))] });
        // Text, not int?, so that the page's form may leave the year empty for "all years".
        int? onlyYear = null;
        if (!string.IsNullOrWhiteSpace(year))
        {
            if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                || parsed is < YearBounds.First or > YearBounds.Last)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [RecordRules.NotAYear(year)] });
            onlyYear = parsed;
        }
        string? code = null;
        if (!string.IsNullOrWhiteSpace(municipality))
        {
            var match = await db.MatchMunicipalityAsync(municipality, cancellationToken);
            if (match.Municipality is null)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["municipality"] = [match.Describe(municipality)] });
            code = match.Municipality.Code;
        }
        // Personal data leaves only for the people allowed to see it: an officer exports their own municipality.
        if (RecordAccess.OnlyMunicipality(user) is { } own)
        {
            if (code is not null && code != own) return TypedResults.Forbid();
            code = own;
        }

        var tables = await exporter.ExportAsync(onlyYear, code, cancellationToken);
        await db.AuditMemberAccessAsync("export", code, Exporter.MemberCount(tables), cancellationToken);
        var name = $"mcsc-records{(onlyYear is null ? "" : $"-{onlyYear}")}{(code is null ? "" : $"-{code}")}";
        using var buffer = new MemoryStream();
        if (format == "csv")
        {
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var table in tables)
                {
                    await using var writer = new StreamWriter(zip.CreateEntry($"{table.Name}.csv").Open());
                    Exporter.WriteCsv(table, writer);
                }
                // The evidence travels with the records, in the folder the import reads it from.
                await exporter.WriteFilesAsync(await exporter.FilesAsync(onlyYear, code, cancellationToken), path => zip.CreateEntry(path).Open(), cancellationToken);
            }
            return TypedResults.File(buffer.ToArray(), "application/zip", $"{name}.zip");
        }
        Exporter.WriteWorkbook(tables, buffer);
        return TypedResults.File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{name}.xlsx");
    }
}
