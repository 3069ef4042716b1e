using System.Text.Json;
using McscMonitor.Core.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace McscMonitor.Web;

/// <summary>
/// A request the framework could not bind — JSON of the wrong kind for a field, a key given
/// twice, a body past its limit — answers with its status and, for JSON, the field it is about,
/// in the reader's language: never a bare 400 that leaves a script author guessing.
/// </summary>
public sealed class BadRequests(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        httpContext.Response.StatusCode = bad.StatusCode;
        ProblemDetails problem = bad.InnerException is JsonException json
            ? new ValidationProblemDetails(new Dictionary<string, string[]> { [FieldOf(json.Path)] = [Describe(json)] }) { Status = bad.StatusCode }
            // The app's own limits say what they are in words; the framework's other messages are for developers.
            : new ProblemDetails { Status = bad.StatusCode, Detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? bad.Message : null };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    /// <summary>The field a JSON path names (<c>$.attendees</c> is <c>attendees</c>); the whole body when it names none.</summary>
    public static string FieldOf(string? path) =>
        path is null || path.Length <= 2 || !path.StartsWith("$.", StringComparison.Ordinal) ? "body" : path[2..].Split('.', '[')[0];

    private static string Describe(JsonException json) =>
        json.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) ? Messages.Current["jsonDuplicate"]
        : json.Path is null or "$" ? Messages.Current["jsonUnreadable"]
        : Messages.Current["jsonWrongKind"];
}
