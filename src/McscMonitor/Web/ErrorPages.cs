using McscMonitor.Web.Shared;
using Microsoft.AspNetCore.Mvc;

namespace McscMonitor.Web;

/// <summary>
/// Errors in the reader's language: ProblemDetails with a localised title for the API and
/// scripts, a page of the site for browsers. Neither ever shows a stack trace.
/// </summary>
public static class ErrorPages
{
    private static readonly HashSet<int> Titled = [400, 401, 403, 404, 405, 409, 412, 413, 415, 422, 428, 429, 500, 503];

    public static IServiceCollection AddErrorPages(this IServiceCollection services)
    {
        // Before the default JSON writer, so that a browser asking for a page gets one.
        services.AddSingleton<IProblemDetailsWriter, HtmlProblemWriter>();
        services.AddExceptionHandler<Data.DatabaseFailures>();
        // Binding failures are thrown, not answered with a bare 400, so BadRequests can say which field is wrong.
        services.AddExceptionHandler<BadRequests>();
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // A JSON key given twice is a mistake, not a choice of the last one.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.AllowDuplicateProperties = false);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context => Localize(context.ProblemDetails, context.HttpContext));
        return services;
    }

    /// <summary>The title in the request's language; the exception, if any, never leaves the server.</summary>
    public static void Localize(ProblemDetails problem, HttpContext context)
    {
        var status = problem.Status ?? context.Response.StatusCode;
        problem.Title = UiTexts.Current[Titled.Contains(status) ? $"error.{status}" : status >= 500 ? "error.500" : "error.400"];
        problem.Extensions.Remove("exception");
    }

    private sealed class HtmlProblemWriter : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) =>
            !WebHardening.IsApi(context.HttpContext.Request)
            && context.HttpContext.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

        public async ValueTask WriteAsync(ProblemDetailsContext context)
        {
            Localize(context.ProblemDetails, context.HttpContext);
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            await PageResult.For<ErrorPage, ErrorModel>(new ErrorModel(context.ProblemDetails.Title, context.ProblemDetails.Detail, CameFrom(context.HttpContext.Request)), status)
                .ExecuteAsync(context.HttpContext);
        }

        /// <summary>The page of this site a refused form was sent from (its path and query only), or null.</summary>
        private static string? CameFrom(HttpRequest request) =>
            Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            && string.Equals(referer.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            && referer.PathAndQuery != request.Path + request.QueryString
                ? referer.PathAndQuery
                : null;
    }
}
