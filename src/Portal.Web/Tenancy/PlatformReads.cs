using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;

namespace Portal.Web.Tenancy;

/// <summary>
/// Operator staff's reads across organisations: the one way past the tenant filter for them. Callers have checked the
/// Support policy first; each use names why staff read there.
/// </summary>
internal static class PlatformReads
{
    /// <summary>Whether the account holds a staff role: staff are never impersonated nor moved into a customer organisation.</summary>
    public static Task<bool> IsStaffAsync(this PortalDbContext db, string userId)
    {
        var staffRoles = Authorization.PlatformRoles.All.ToList();
        return db.UserRoles.Where(r => r.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name)
            .AnyAsync(name => name != null && staffRoles.Contains(name));
    }

    public static IQueryable<OrganisationMember> MembersOfEveryOrganisation(this PortalDbContext db) =>
        db.OrganisationMembers.IgnoreQueryFilters([TenantModelConfiguration.FilterName]).AsNoTracking();

    /// <summary>Disclosure requests whose notice is withheld, reviewed by staff across organisations.</summary>
    public static IQueryable<Features.Support.DisclosureRequest> DisclosuresOfEveryOrganisation(this PortalDbContext db) =>
        db.DisclosureRequests.IgnoreQueryFilters([TenantModelConfiguration.FilterName]).AsNoTracking();

    /// <summary>Closures across organisations, for the job that reminds people and deletes accounts when their grace period ends.</summary>
    public static IQueryable<Features.Privacy.AccountClosure> ClosuresOfEveryOrganisation(this PortalDbContext db) =>
        db.AccountClosures.IgnoreQueryFilters([TenantModelConfiguration.FilterName]);

    /// <summary>Impersonations across organisations: whether an agent already acts for someone, and the cookie check before any tenant is known.</summary>
    public static IQueryable<Features.Support.ImpersonationSession> ImpersonationsOfEveryOrganisation(this PortalDbContext db) =>
        db.ImpersonationSessions.IgnoreQueryFilters([TenantModelConfiguration.FilterName]);

    /// <summary>
    /// Who an announcement goes to: active members of every organisation, of one, or with one role; for a newsletter only
    /// those with a confirmed address who chose it and did not limit the use of their data. Ordered by user id for resumable batches.
    /// </summary>
    public static IQueryable<string> AnnouncementAudience(this PortalDbContext db, Features.Notifications.Announcement announcement)
    {
        var members = db.MembersOfEveryOrganisation().Where(m => m.Status == MemberStatus.Active);
        members = announcement.Audience switch
        {
            Features.Notifications.AnnouncementAudience.Organisation => members.Where(m => m.TenantId == announcement.OrganisationId),
            Features.Notifications.AnnouncementAudience.Role => members.Where(m => m.Role == announcement.Role),
            _ => members,
        };
        if (announcement.Category == Email.EmailCategory.Newsletter)
        {
            var preferences = db.NotificationPreferences.IgnoreQueryFilters([TenantModelConfiguration.FilterName]);
            members = members.Where(m => m.User!.EmailConfirmed && preferences.Any(p => p.UserId == m.UserId && p.Newsletter && !p.LimitDataUse));
        }

        return members.Select(m => m.UserId).OrderBy(id => id);
    }

    /// <summary>
    /// Who is owed a digest for the period and has not had it: active members with a confirmed address whose choice is
    /// this frequency (weekly for those who never changed it) and who did not limit the use of their data. By user id, for batches.
    /// </summary>
    public static IQueryable<string> DigestAudience(this PortalDbContext db, Features.Notifications.DigestPeriod period)
    {
        var preferences = db.NotificationPreferences.IgnoreQueryFilters([TenantModelConfiguration.FilterName]);
        var key = period.Key;
        var frequency = period.Frequency;
        var byDefault = frequency == Features.Notifications.DigestFrequency.Weekly;
        return db.MembersOfEveryOrganisation()
            .Where(m => m.Status == MemberStatus.Active && m.User!.EmailConfirmed)
            .Where(m => preferences.Any(p => p.UserId == m.UserId && p.Digest == frequency && !p.LimitDataUse)
                || (byDefault && !preferences.Any(p => p.UserId == m.UserId)))
            .Where(m => !db.DigestDeliveries.Any(d => d.UserId == m.UserId && d.Period == key))
            .Select(m => m.UserId)
            .OrderBy(id => id);
    }
}
