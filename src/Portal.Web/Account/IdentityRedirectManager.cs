using Microsoft.AspNetCore.Components;

namespace Portal.Web.Account;

/// <summary>Redirects from static SSR account pages, refusing anything but local paths.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Portal.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri) => navigationManager.NavigateTo(LocalOrDefault(uri, ""));

    /// <summary>
    /// The address when it stays on this site, else <paramref name="fallback"/>: the one guard for redirects and for
    /// links built from a return address. An absolute address is kept only when it is this site's own.
    /// </summary>
    public string LocalOrDefault(string? uri, string fallback)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return fallback;
        }

        // Browsers read a backslash as a slash and drop tabs and line breaks, so "/\host" or "/<tab>/host" leave the site.
        if (uri.Contains('\\') || uri.Any(char.IsControl))
        {
            return fallback;
        }

        if (Uri.IsWellFormedUriString(uri, UriKind.Relative) && !uri.StartsWith("//", StringComparison.Ordinal))
        {
            return uri;
        }

        return uri.StartsWith(navigationManager.BaseUri, StringComparison.OrdinalIgnoreCase) ? navigationManager.ToBaseRelativePath(uri) : fallback;
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        RedirectTo(navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters));
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }
}
