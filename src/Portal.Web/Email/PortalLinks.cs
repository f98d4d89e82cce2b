using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace Portal.Web.Email;

/// <summary>
/// Absolute links for emails. From <c>Portal:BaseUrl</c> when configured (set it in production, so a forged Host
/// header can never put another site into a password-reset link); otherwise from the current request or circuit.
/// </summary>
public sealed class PortalLinks(IConfiguration configuration, NavigationManager navigation)
{
    private PortalLinks? caller;
    private string? fixedBase;

    private string BaseUri
    {
        get
        {
            var configured = configuration["Portal:BaseUrl"];
            return !string.IsNullOrWhiteSpace(configured) ? configured.TrimEnd('/') + "/" : fixedBase ?? caller?.BaseUri ?? navigation.BaseUri;
        }
    }

    public string To(string relativePath, IDictionary<string, string?> query) =>
        QueryHelpers.AddQueryString(new Uri(new Uri(BaseUri), relativePath).AbsoluteUri, query);

    /// <summary>The address links start with, as <see cref="To"/> makes it: kept with background work that has no request.</summary>
    public string Base => BaseUri;

    /// <summary>Background work makes its links from the address of the request that asked for it.</summary>
    public void UseBase(string baseUri) => fixedBase = baseUri;

    /// <summary>Links made in a scope of its own come from the address of the request or circuit that started the work.</summary>
    public void MakeLinksLike(PortalLinks links) => caller = links;
}
