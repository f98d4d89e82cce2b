using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Portal.Web;

/// <summary>
/// Behind a load balancer the client's address and scheme arrive in X-Forwarded-* headers. They are believed only
/// from the proxies listed in <c>ForwardedHeaders:KnownProxies</c> (loopback always), so a client cannot forge the
/// address that sign-in history, audit and rate limits record.
/// </summary>
internal static class ForwardedHeaders
{
    public static IServiceCollection AddPortalForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return services;
    }
}
