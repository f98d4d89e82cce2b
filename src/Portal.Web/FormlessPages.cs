using Microsoft.AspNetCore.Antiforgery;

namespace Portal.Web;

/// <summary>
/// Lets a static page without forms skip the antiforgery cookie Blazor would otherwise set when it saves the page's
/// state. Such a page can then be stored by the output cache without handing every reader the same cookie.
/// </summary>
internal sealed class FormlessPageAntiforgery(IAntiforgery inner) : IAntiforgery
{
    private const string Formless = "portal:formless-page";

    public static void MarkFormless(HttpContext context) => context.Items[Formless] = true;

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
        httpContext.Items.ContainsKey(Formless) ? inner.GetTokens(httpContext) : inner.GetAndStoreTokens(httpContext);

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

    public static void Register(IServiceCollection services)
    {
        var framework = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        services.Remove(framework);
        services.AddSingleton<IAntiforgery>(sp => new FormlessPageAntiforgery((IAntiforgery)ActivatorUtilities.CreateInstance(sp, framework.ImplementationType!)));
    }
}
