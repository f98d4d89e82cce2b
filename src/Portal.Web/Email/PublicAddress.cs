using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace Portal.Web.Email;

/// <summary>
/// The portal's public address for links written outside a circuit (robots.txt, the sitemap): <c>Portal:BaseUrl</c> when
/// set, else the request's own address only if AllowedHosts names its host, else the address this server listens on.
/// A forged Host header never reaches a link.
/// </summary>
public sealed class PublicAddress(IConfiguration configuration, IOptions<HostFilteringOptions> hosts, IServer server)
{
    /// <summary>The address without a trailing slash.</summary>
    public string For(HttpContext context)
    {
        var configured = configuration["Portal:BaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/');
        }

        var requested = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
        return (LinkHosts.IsListed(requested, hosts.Value) ? requested : LinkHosts.ListeningAddress(server)).TrimEnd('/');
    }
}
