using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Security;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Dashboard;

/// <summary>Who did something to the person's account: they themselves, their organisation's administrator, or Portal staff.</summary>
public enum ActivityActor
{
    Self,
    Administrator,
    Staff,

    /// <summary>Portal support, acting as the person to help them.</summary>
    SupportActingForYou,
}

public sealed record ActivityItem(long Sequence, DateTime OccurredAt, string Action, string? IpAddress, string? UserAgent, ActivityActor By);

/// <summary>How the person's account is protected, at a glance: the second factor, passkeys, open sessions and the sign-in before this one.</summary>
public sealed record SecurityGlance(bool TwoFactorEnabled, bool TwoFactorRequired, int Passkeys, int ActiveSessions, DateTime? PreviousSignInAt, string? PreviousSignInDevice);

/// <summary>What the dashboard shows; plain data, so the prerendered page hands it to the interactive one.</summary>
public sealed record DashboardSummary(
    string FirstName, string OrganisationName, OrganisationRole Role, IReadOnlyList<ActivityItem> RecentActivity, string TimeZoneId, SecurityGlance Security)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}

/// <summary>What the signed-in person sees first: who they are, their organisation and what happened to their account.</summary>
public sealed class DashboardService(
    IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser, SecurityOverview securityOverview, UserSessions sessions)
{
    public const int PageSize = 20;

    public async Task<DashboardSummary?> GetSummaryAsync(CancellationToken cancellationToken = default)
    {
        var userId = currentUser.UserId ?? throw new InvalidOperationException("No one is signed in.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var me = await db.OrganisationMembers
            .Where(m => m.UserId == userId)
            .Select(m => new { m.User!.FirstName, m.Role, m.TenantId })
            .FirstOrDefaultAsync(cancellationToken);
        if (me is null)
        {
            return null;
        }

        var organisation = await db.Organisations.Where(o => o.Id == me.TenantId).Select(o => o.Name).FirstAsync(cancellationToken);
        var activity = await ActivityQuery(db, userId, beforeSequence: null).Take(5).ToListAsync(cancellationToken);
        var security = await SecurityOfAsync(db, userId, cancellationToken);
        return new DashboardSummary(me.FirstName, organisation, me.Role, activity, (await TimeZoneOfAsync(db, userId, cancellationToken)).Id, security);
    }

    private async Task<SecurityGlance> SecurityOfAsync(PortalDbContext db, string userId, CancellationToken cancellationToken)
    {
        var overview = await securityOverview.GetAsync(userId);
        var open = await sessions.ListAsync(userId, currentSessionId: null);
        // The newest successful sign-in is normally this one; the one before it is what a person checks for surprises.
        var previous = await db.SignInAttempts.AsNoTracking()
            .Where(a => a.UserId == userId && a.Outcome == SignInOutcome.Succeeded)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Skip(1)
            .Select(a => new { a.OccurredAt, a.Device })
            .FirstOrDefaultAsync(cancellationToken);
        return new SecurityGlance(overview.TwoFactorEnabled, overview.TwoFactorRequired, overview.Passkeys, open.Count, previous?.OccurredAt, previous?.Device);
    }

    /// <summary>The person's own account history, newest first, one keyset page at a time.</summary>
    public async Task<IReadOnlyList<ActivityItem>> GetActivityAsync(long? beforeSequence, CancellationToken cancellationToken = default)
    {
        var userId = currentUser.UserId ?? throw new InvalidOperationException("No one is signed in.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ActivityQuery(db, userId, beforeSequence).Take(PageSize).ToListAsync(cancellationToken);
    }

    /// <summary>The time zone the person chose on their profile, or UTC.</summary>
    public async Task<TimeZoneInfo> GetTimeZoneAsync(CancellationToken cancellationToken = default)
    {
        var userId = currentUser.UserId ?? throw new InvalidOperationException("No one is signed in.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await TimeZoneOfAsync(db, userId, cancellationToken);
    }

    private static async Task<TimeZoneInfo> TimeZoneOfAsync(PortalDbContext db, string userId, CancellationToken cancellationToken)
    {
        var id = await db.Profiles.Where(p => p.UserId == userId).Select(p => p.TimeZone).FirstOrDefaultAsync(cancellationToken);
        return id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    private static IQueryable<ActivityItem> ActivityQuery(PortalDbContext db, string userId, long? beforeSequence) =>
        db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectId == userId && (beforeSequence == null || e.Sequence < beforeSequence))
            .OrderByDescending(e => e.Sequence)
            .Select(e => new ActivityItem(e.Sequence, e.OccurredAt, e.Action, e.IpAddress, e.UserAgent,
                e.ImpersonatorId != null ? ActivityActor.SupportActingForYou
                : e.ActorId == null || e.ActorId == userId ? ActivityActor.Self
                : db.OrganisationMembers.Any(m => m.UserId == e.ActorId) ? ActivityActor.Administrator
                : ActivityActor.Staff));
}
