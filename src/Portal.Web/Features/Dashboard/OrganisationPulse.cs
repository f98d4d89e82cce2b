using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Security;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Dashboard;

/// <summary>How many people signed in on one day (UTC).</summary>
public sealed record DayCount(DateOnly Day, int Count);

/// <summary>An administrator's organisation at a glance: members by status, invitations waiting, sign-ins per day, recent events.</summary>
public sealed record OrganisationPulseSummary(
    IReadOnlyDictionary<MemberStatus, int> MembersByStatus,
    int PendingInvitations,
    IReadOnlyList<DayCount> SignInsPerDay,
    IReadOnlyList<OrganisationAuditEntry> RecentEvents);

/// <summary>
/// The numbers on an administrator's home page, for their own organisation only (the tenant filter scopes every
/// query). Read under the same rule as the members directory and audit log: the organisation's Owners and Admins.
/// </summary>
public sealed class OrganisationPulse(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    IAuthorizationService authorization,
    OrganisationAuditLog auditLog,
    TimeProvider time)
{
    public const int Days = 30;

    public const int RecentEventCount = 5;

    public async Task<OrganisationPulseSummary> GetAsync(CancellationToken cancellationToken = default)
    {
        await authorization.RequireAsync(currentUser.Principal, Policies.OrganisationAdmin, "Only an organisation's Owners and Admins see its numbers.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var statuses = await db.OrganisationMembers
            .GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var pending = await db.Invitations.CountAsync(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, cancellationToken);
        var signIns = await SignInsPerDayAsync(db, now, cancellationToken);
        var recent = await auditLog.PageAsync(new OrganisationAuditFilter(), size: RecentEventCount);
        return new OrganisationPulseSummary(statuses, pending, signIns, recent);
    }

    /// <summary>Successful sign-ins of the organisation's members over the last <see cref="Days"/> days, one entry per day, zeros included.</summary>
    private static async Task<IReadOnlyList<DayCount>> SignInsPerDayAsync(PortalDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now);
        var since = today.AddDays(-(Days - 1)).ToDateTime(TimeOnly.MinValue);
        var counted = await db.SignInAttempts
            .Where(a => a.Outcome == SignInOutcome.Succeeded && a.OccurredAt >= since && db.OrganisationMembers.Any(m => m.UserId == a.UserId))
            .GroupBy(a => a.OccurredAt.Date)
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byDay = counted.ToDictionary(c => DateOnly.FromDateTime(c.Day), c => c.Count);
        return [.. Enumerable.Range(0, Days).Select(i => today.AddDays(i - (Days - 1))).Select(day => new DayCount(day, byDay.GetValueOrDefault(day)))];
    }
}
