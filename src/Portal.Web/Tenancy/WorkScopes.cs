using Portal.Web.Audit;
using Portal.Web.Email;

namespace Portal.Web.Tenancy;

/// <summary>
/// Begins units of work for the signed-in person: each acts as that person, so the same tenant filter, read-only
/// impersonation and authorization apply, its audit events carry the same origin and its email links use the same
/// public address. Background work with no caller says so with <see cref="BeginAsSystem"/>.
/// </summary>
public sealed class WorkScopes(IServiceScopeFactory scopeFactory, CurrentUser currentUser, PortalLinks links, AuditOrigin origin)
{
    public WorkScope Begin()
    {
        var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<CurrentUser>().Principal = currentUser.Principal;
        services.GetRequiredService<PortalLinks>().MakeLinksLike(links);
        var workOrigin = services.GetRequiredService<AuditOrigin>();
        workOrigin.IpAddress = origin.IpAddress;
        workOrigin.UserAgent = origin.UserAgent;
        workOrigin.CorrelationId = origin.CorrelationId;
        workOrigin.ImpersonatorId = origin.ImpersonatorId;
        return new WorkScope(scope);
    }

    /// <summary>Work nobody signed in asked for (dispatchers, digests, expiry jobs): it acts as nobody and for no organisation until it enters one.</summary>
    public static WorkScope BeginAsSystem(IServiceScopeFactory scopeFactory) => new(scopeFactory.CreateAsyncScope());
}
