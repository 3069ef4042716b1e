using System.Security.Claims;
using McscMonitor.Import.Pages;
using McscMonitor.Users;
using McscMonitor.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McscMonitor.Import;

/// <summary>Import from the browser (a form with antiforgery) and for scripts (token only).</summary>
/// <summary>The import page: empty, or what the import of a file came to.</summary>
public sealed record ImportPageModel(ImportOutcome? Outcome, string? FileName);

internal static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImport(this IEndpointRouteBuilder routes)
    {
        // The file, plus room for the multipart envelope and the antiforgery field.
        var uploadBytes = routes.ServiceProvider.GetRequiredService<ImportLimits>().MaxUploadBytes + RequestBodyLimit.DefaultBytes;
        routes.MapGet("/import", () => PageResult.For<ImportView, ImportPageModel>(new ImportPageModel(null, null)))
            .RequireAuthorization(RecordAccess.Policy).ExcludeFromDescription();
        routes.MapPost("/import", async (IFormFile file, Importer importer, ImportLimits limits, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            {
                var outcome = await ImportAsync(file, importer, limits, user, cancellationToken);
                return PageResult.For<ImportView, ImportPageModel>(new ImportPageModel(outcome, file.FileName));
            })
            .RequireAuthorization(RecordAccess.Policy).AllowBody(uploadBytes).ExcludeFromDescription();

        routes.MapGet("/import/template.xlsx", () =>
            {
                var path = Path.Combine(Path.GetTempPath(), $"mcsc-template-{Guid.NewGuid():N}.xlsx");
                try
                {
                    TemplateCommand.Write(path);
                    return TypedResults.File(File.ReadAllBytes(path), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "import-template.xlsx");
                }
                finally
                {
                    File.Delete(path);
                }
            })
            .ExcludeFromDescription();

        // Scripts send a token, never a cookie, so a page elsewhere cannot make a signed-in browser post here.
        routes.MapPost("/api/v1/imports", async Task<Results<Ok<ImportOutcome>, UnprocessableEntity<ImportOutcome>, Conflict<ImportOutcome>>> (
                IFormFile file, Importer importer, ImportLimits limits, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            {
                var outcome = await ImportAsync(file, importer, limits, user, cancellationToken);
                if (outcome.AnotherImportRunning) return TypedResults.Conflict(outcome);
                return outcome.Succeeded ? TypedResults.Ok(outcome) : TypedResults.UnprocessableEntity(outcome);
            })
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(AccessTokenAuthentication.SchemeName)
                .RequireRole(Roles.Admin, Roles.Monitor, Roles.MunicipalOfficer))
            .DisableAntiforgery()
            .AllowBody(uploadBytes)
            .WithTags("Import").WithName("Import")
            .WithSummary("Imports an .xlsx workbook, a .csv file or a .zip of CSV files; all or nothing, every error listed (422).");
        return routes;
    }

    private static async Task<ImportOutcome> ImportAsync(
        IFormFile file, Importer importer, ImportLimits limits, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var read = UploadedImport.Read(file, limits);
        if (read.Errors.Count > 0) return ImportOutcome.Rejected(read.Errors, limits);
        return await importer.ImportAsync(read, cancellationToken: cancellationToken, onlyMunicipality: RecordAccess.OnlyMunicipality(user));
    }
}
