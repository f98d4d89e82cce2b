using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Primitives;

namespace Portal.Web.Email;

/// <summary>Which hosts email links may start with when <c>Portal:BaseUrl</c> is not set, and the start-up check that demands one of the two.</summary>
internal static class LinkHosts
{
    public const string MissingMessage =
        "Set Portal:BaseUrl to the portal's public address (for example https://portal.example.com/), or AllowedHosts to its host names: "
        + "with neither, links in emails would come from the request's Host header, which a client can forge.";

    /// <summary>Whether the address's host is named by AllowedHosts; a bare "*" names no host.</summary>
    public static bool IsListed(string address, HostFilteringOptions options) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri)
        && HostString.MatchesAny(new StringSegment(uri.Host), Named(options.AllowedHosts));

    /// <summary>Outside Development, start-up needs Portal:BaseUrl or AllowedHosts naming at least one host.</summary>
    public static void EnsureConfigured(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment() || !string.IsNullOrWhiteSpace(configuration["Portal:BaseUrl"]))
        {
            return;
        }

        var allowed = (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (Named(allowed).Count == 0)
        {
            throw new InvalidOperationException(MissingMessage);
        }
    }

    /// <summary>The address this server listens on, with a wildcard address read as localhost.</summary>
    public static string ListeningAddress(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost/";
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        return uri.Uri.AbsoluteUri;
    }

    private static List<StringSegment> Named(IEnumerable<string> allowed) => [.. allowed.Where(h => h != "*").Select(h => new StringSegment(h))];
}
