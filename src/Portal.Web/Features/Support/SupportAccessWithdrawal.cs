using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Features.Security;

namespace Portal.Web.Features.Support;

/// <summary>
/// When an organisation stops allowing Portal support to act for its members, every impersonation of one of them that
/// is still running ends with the same save: the impersonation is closed and the session the agent held is revoked, so
/// their next request (or an open page's next check) finds it gone.
/// </summary>
public static class SupportAccessWithdrawal
{
    /// <summary>Marks the running impersonations in <paramref name="organisationId"/> ended and returns their audit events; the caller saves both.</summary>
    public static async Task<IReadOnlyList<AuditRecord>> EndRunningAsync(PortalDbContext db, Guid organisationId, DateTime now)
    {
        var running = await db.ImpersonationSessions.Where(i => i.TenantId == organisationId && i.EndedAt == null && i.ExpiresAt > now).ToListAsync();
        var sessionIds = running.Select(i => i.SubjectSessionId).ToList();
        foreach (var session in await db.UserSessions.Where(s => sessionIds.Contains(s.Id) && s.RevokedAt == null).ToListAsync())
        {
            session.RevokedAt = now;
            session.RevokedReason = SessionEndReasons.ImpersonationEnded;
        }

        var events = new List<AuditRecord>(running.Count);
        foreach (var impersonation in running)
        {
            impersonation.EndedAt = now;
            impersonation.EndReason = ImpersonationEndReasons.AccessWithdrawn;
            var minutes = Math.Max(0, (int)Math.Ceiling((now - impersonation.StartedAt).TotalMinutes));
            events.Add(new AuditRecord(AuditActions.ImpersonationEnded, SubjectId: impersonation.SubjectId, OrganisationId: organisationId,
                ActorId: impersonation.AgentId, Target: string.Create(CultureInfo.InvariantCulture, $"{ImpersonationEndReasons.AccessWithdrawn}, {minutes} min")));
        }

        return events;
    }
}
