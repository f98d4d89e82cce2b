using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Portal.Web.Email;

/// <summary>
/// Absolute links for emails, the only place they are made. From <c>Portal:BaseUrl</c> when configured; otherwise from
/// the current request or circuit only when its host is one <c>AllowedHosts</c> names (a bare <c>*</c> names none), so a
/// forged Host header can never put another site into a password-reset link; otherwise from the address the server
/// listens on.
/// </summary>
public sealed class PortalLinks(IConfiguration configuration, NavigationManager navigation, IOptions<HostFilteringOptions> hosts, IServer server)
{
    private PortalLinks? caller;
    private string? fixedBase;

    private string BaseUri
    {
        get
        {
            var configured = configuration["Portal:BaseUrl"];
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return configured.TrimEnd('/') + "/";
            }

            var candidate = fixedBase ?? caller?.BaseUri ?? navigation.BaseUri;
            return LinkHosts.IsListed(candidate, hosts.Value) ? candidate : LinkHosts.ListeningAddress(server);
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
