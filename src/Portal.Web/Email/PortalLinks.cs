using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace Portal.Web.Email;

/// <summary>
/// Absolute links for emails. From <c>Portal:BaseUrl</c> when configured (set it in production, so a forged Host
/// header can never put another site into a password-reset link); otherwise from the current request or circuit.
/// </summary>
public sealed class PortalLinks(IConfiguration configuration, NavigationManager navigation)
{
    public string To(string relativePath, IDictionary<string, string?> query)
    {
        var configured = configuration["Portal:BaseUrl"];
        var baseUri = string.IsNullOrWhiteSpace(configured) ? navigation.BaseUri : configured.TrimEnd('/') + "/";
        return QueryHelpers.AddQueryString(new Uri(new Uri(baseUri), relativePath).AbsoluteUri, query);
    }
}
