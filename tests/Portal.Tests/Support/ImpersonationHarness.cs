using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Features.Security;
using Portal.Web.Features.Support;
using Portal.Web.Tenancy;

namespace Portal.Tests.Support;

/// <summary>Starts impersonations through the real service, from an agent session that exists in the database.</summary>
internal static class ImpersonationHarness
{
    public const string Reason = "Helping with the profile page";

    /// <summary>An open session of the agent's, as a sign-in would leave it.</summary>
    public static async Task<Guid> OpenSessionAsync(this PortalFactory factory, string email)
    {
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var session = new UserSession
        {
            Id = Guid.CreateVersion7(), UserId = await factory.UserIdAsync(email), Device = "Chrome on Linux",
            CreatedAt = now, LastSeenAt = now, AuthenticatedAt = now,
        };
        await using var db = factory.CreateDbContext();
        db.UserSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    public static async Task<ImpersonationStart> StartAsync(this PortalFactory factory, string agent, string subject, bool readOnly = false, string? ticket = "T-1042")
    {
        using var scope = await factory.ScopeForSessionAsync(agent, await factory.OpenSessionAsync(agent));
        var form = new ImpersonationForm { Reason = Reason, Ticket = ticket, ReadOnly = readOnly };
        return await scope.ServiceProvider.GetRequiredService<Impersonations>().StartAsync(await factory.UserIdAsync(subject), form);
    }

    /// <summary>A scope acting with the principal an impersonation's cookie carries, as its circuit would.</summary>
    public static IServiceScope ScopeFor(this PortalFactory factory, ClaimsPrincipal principal)
    {
        var scope = factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = principal;
        return scope;
    }

    public static async Task<ImpersonationSession> ImpersonationAsync(this PortalFactory factory, ClaimsPrincipal principal)
    {
        await using var db = factory.CreateDbContext();
        return await db.ImpersonationsOfEveryOrganisation().AsNoTracking().SingleAsync(i => i.Id == principal.Impersonation());
    }
}
