using System.Globalization;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;

namespace McscMonitor.Web;

/// <summary>The app pages' words, from `Web/Texts/*.json`, in the language the request chose.</summary>
public static class UiTexts
{
    private static readonly TextCatalogs Texts = new(typeof(UiTexts).Assembly, "McscMonitor.Web.Texts");

    public static TextCatalog For(Language language) => Texts.For(language);

    /// <summary>The request's language, set by request localization (cookie, then the browser's languages).</summary>
    public static TextCatalog Current => Texts.Current;

    /// <summary>
    /// The page's language comes from a cookie set by <c>/language/{tag}</c>, else the
    /// browser's Accept-Language, else English.
    /// </summary>
    public static IServiceCollection AddUiLanguages(this IServiceCollection services) =>
        services.AddRequestLocalization(options =>
        {
            var cultures = Languages.All.Select(language => CultureInfo.GetCultureInfo(language.Tag())).ToList();
            options.DefaultRequestCulture = new RequestCulture(Language.En.Tag());
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder routes)
    {
        // A preference, not a change to any record: a plain link sets it, so it works without JavaScript.
        routes.MapGet("/language/{tag}", (string tag, string? returnUrl, HttpResponse response, TimeProvider clock) =>
        {
            if (!Languages.TryParse(tag, out var language)) return (IResult)TypedResults.NotFound();
            var culture = new RequestCulture(language.Tag());
            response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(culture),
                new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return TypedResults.LocalRedirect(RedirectHttpResult.IsLocalUrl(returnUrl) ? returnUrl! : "/");
        }).ExcludeFromDescription();
        return routes;
    }

}

/// <summary>Every page component reads its words as <c>T["key"]</c>.</summary>
public abstract class LocalizedComponent : ComponentBase
{
    protected static TextCatalog T => UiTexts.Current;

    protected static string Answer(bool? value) => value switch { true => T["yes"], false => T["no"], null => T["noData"] };

    /// <summary>A count, or "no data" when it is not known: unknown is never shown as zero.</summary>
    protected static string Count(int? value) => value?.ToString(T.Culture) ?? T["noData"];

    protected static string CodeName<TEnum>(string prefix, TEnum value) where TEnum : struct, Enum => T[$"{prefix}.{Codes.ToCode(value)}"];

    protected static string Date(DateOnly date) => T.Date(date);
}
