using Portal.Web.Email;

namespace Portal.Web.Tenancy;

/// <summary>
/// A scope of its own (its own DbContext and UserManager) for work a service does for the signed-in person: it acts as
/// that person, so the same tenant filter and authorization apply, and its email links use the same public address.
/// </summary>
public static class WorkScopes
{
    public static AsyncServiceScope CreateWorkScope(this IServiceScopeFactory factory, CurrentUser actor, PortalLinks links)
    {
        var scope = factory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = actor.Principal;
        scope.ServiceProvider.GetRequiredService<PortalLinks>().MakeLinksLike(links);
        return scope;
    }
}
