using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Portal.Web;

/// <summary>The UI languages Portal ships, and the endpoint that remembers a person's choice in a cookie.</summary>
internal static class Localization
{
    public static readonly IReadOnlyList<CultureInfo> SupportedCultures = [new("en-GB"), new("fr")];

    public static IServiceCollection AddPortalLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("en-GB");
            options.SupportedCultures = [.. SupportedCultures];
            options.SupportedUICultures = [.. SupportedCultures];
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    public static void MapCultureEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/culture/set", (HttpContext context, string? culture, string? returnUrl) =>
        {
            if (culture is not null && SupportedCultures.Any(c => c.Name == culture))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, HttpOnly = true });
            }

            var safe = returnUrl is not null && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
                ? returnUrl : "/";
            return Results.LocalRedirect(safe);
        }).AllowAnonymous();
}
