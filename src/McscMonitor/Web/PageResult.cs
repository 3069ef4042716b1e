using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McscMonitor.Web;

/// <summary>A page that renders one typed model; its endpoint builds the model, the page lays it out.</summary>
public interface IPage<TModel>
{
    TModel Model { get; set; }
}

/// <summary>What an error page says: the problem's title and detail, in the reader's language.</summary>
/// <param name="BackTo">The page of this site the refused request came from, to go back to and try again.</param>
public sealed record ErrorModel(string? Title, string? Detail, string? BackTo = null);

public static class PageResult
{
    /// <summary>The page for a model, checked by the compiler: the page must take exactly this model.</summary>
    public static RazorComponentResult<TPage> For<TPage, TModel>(TModel model, int statusCode = StatusCodes.Status200OK)
        where TPage : IComponent, IPage<TModel> =>
        new(new Dictionary<string, object?> { [nameof(IPage<TModel>.Model)] = model }) { StatusCode = statusCode };
}
