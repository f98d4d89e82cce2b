using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Data;

namespace Portal.Web.Features.Security;

/// <summary>A session as its owner sees it in their list.</summary>
public sealed record SessionView(Guid Id, string Device, string? IpAddress, DateTime CreatedAt, DateTime LastSeenAt, bool Persistent, bool IsCurrent);

/// <summary>
/// The one place sessions are checked, listed and ended. Self-service callers pass the signed-in person's own id;
/// administrators and support reach <see cref="EndAllAsync"/> only after their own authorization checks.
/// </summary>
public sealed class UserSessions(IDbContextFactory<PortalDbContext> factory, AuditLog audit, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Whether the session may still be used; records <paramref name="activityAt"/> at most once a minute.</summary>
    public async Task<bool> CheckAsync(Guid sessionId, string userId, DateTime? activityAt, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var session = await db.UserSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken);
        if (session is null || !SessionLifetimes.IsActive(session, Now))
        {
            return false;
        }

        if (activityAt is { } seen && seen - session.LastSeenAt >= SessionLifetimes.CheckInterval)
        {
            await db.UserSessions.Where(s => s.Id == sessionId && s.LastSeenAt < seen)
                .ExecuteUpdateAsync(update => update.SetProperty(s => s.LastSeenAt, seen), cancellationToken);
        }

        return true;
    }

    public async Task<IReadOnlyList<SessionView>> ListAsync(string userId, Guid? currentSessionId)
    {
        await using var db = await factory.CreateDbContextAsync();
        var now = Now;
        var since = now - SessionLifetimes.Persistent;
        var sessions = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.CreatedAt > since)
            .ToListAsync();
        return [.. sessions.Where(s => SessionLifetimes.IsActive(s, now))
            .OrderByDescending(s => s.Id == currentSessionId)
            .ThenByDescending(s => s.LastSeenAt)
            .Select(s => new SessionView(s.Id, s.Device, s.IpAddress, s.CreatedAt, s.LastSeenAt, s.Persistent, s.Id == currentSessionId))];
    }

    /// <summary>Ends one of the person's sessions. False when it is not theirs or already over.</summary>
    public async Task<bool> EndAsync(string userId, Guid sessionId, string reason)
    {
        await using var db = await factory.CreateDbContextAsync();
        var session = await db.UserSessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null);
        if (session is null)
        {
            return false;
        }

        Revoke(session, reason);
        await audit.AppendAsync(db, new AuditRecord(AuditActions.SessionEnded, SubjectId: userId, Target: session.Device));
        return true;
    }

    /// <summary>Signing out: the session ends for good, so a copy of the cookie is worthless afterwards.</summary>
    public async Task SignOutAsync(string userId, Guid? sessionId)
    {
        await using var db = await factory.CreateDbContextAsync();
        var session = sessionId is null ? null
            : await db.UserSessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null);
        if (session is not null)
        {
            Revoke(session, SessionEndReasons.SignedOut);
        }

        await audit.AppendAsync(db, new AuditRecord(AuditActions.SignedOut, SubjectId: userId, ActorId: userId));
    }

    /// <summary>Ends every session of the person except <paramref name="keep"/>; returns how many ended.</summary>
    public Task<int> EndOthersAsync(string userId, Guid keep, string reason) => EndManyAsync(userId, keep, reason);

    /// <summary>Ends every session of the person: after a password reset, or by an administrator or support.</summary>
    public Task<int> EndAllAsync(string userId, string reason) => EndManyAsync(userId, keep: null, reason);

    /// <summary>Ends every open session of the person inside the caller's transaction, for a change that must not half-happen.</summary>
    public async Task<int> EndAllWithinAsync(PortalDbContext db, string userId, string reason)
    {
        var now = Now;
        return await db.UserSessions
            .Where(s => s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(update => update.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason));
    }

    /// <summary>
    /// Ends every open session of the members of <paramref name="db"/>'s organisation in one statement (Portal suspending
    /// the organisation); the caller records the one audit event.
    /// </summary>
    public async Task<int> EndAllOfOrganisationAsync(PortalDbContext db, string reason)
    {
        var now = Now;
        return await db.UserSessions
            .Where(s => s.RevokedAt == null && db.OrganisationMembers.Any(m => m.UserId == s.UserId))
            .ExecuteUpdateAsync(update => update.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason));
    }

    public async Task<bool> IsRecentlyAuthenticatedAsync(Guid? sessionId, string? userId)
    {
        if (sessionId is null || userId is null)
        {
            return false;
        }

        await using var db = await factory.CreateDbContextAsync();
        var since = Now - SessionLifetimes.Reauthentication;
        return await db.UserSessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null && s.AuthenticatedAt >= since);
    }

    /// <summary>Records that the person has just proved who they are again in this session.</summary>
    public async Task ConfirmIdentityAsync(Guid sessionId, string userId, string method)
    {
        await using var db = await factory.CreateDbContextAsync();
        var session = await db.UserSessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null);
        if (session is null)
        {
            return;
        }

        session.AuthenticatedAt = Now;
        await audit.AppendAsync(db, new AuditRecord(AuditActions.Reauthenticated, SubjectId: userId, Target: method));
    }

    private async Task<int> EndManyAsync(string userId, Guid? keep, string reason)
    {
        await using var db = await factory.CreateDbContextAsync();
        var sessions = await db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != keep).ToListAsync();
        foreach (var session in sessions)
        {
            Revoke(session, reason);
        }

        await audit.AppendAsync(db, new AuditRecord(keep is null ? AuditActions.SessionsEndedAll : AuditActions.SessionsEndedOthers,
            SubjectId: userId, Target: $"{sessions.Count} session(s)"));
        return sessions.Count;
    }

    private void Revoke(UserSession session, string reason)
    {
        session.RevokedAt = Now;
        session.RevokedReason = reason;
    }
}
