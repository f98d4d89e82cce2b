using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;

namespace Portal.Web.Tenancy;

/// <summary>
/// Reads a person's organisation at sign-in, before any tenant is known: the one place that looks past the tenant
/// filter, and only for the person signing in (or, when an account is saved, for the people whose account it is).
/// </summary>
internal static class TenantClaims
{
    /// <summary>Adds the organisation's claims; returns whether the organisation requires two-factor sign-in.</summary>
    public static async Task<bool> AddAsync(PortalDbContext db, string userId, ClaimsIdentity identity)
    {
        var membership = await db.OrganisationMembers
            .IgnoreQueryFilters([TenantModelConfiguration.FilterName])
            .Where(m => m.UserId == userId)
            .Join(db.Organisations, m => m.TenantId, o => o.Id, (m, o) => new { m.TenantId, m.Role, o.Name, o.RequireTwoFactor })
            .FirstOrDefaultAsync();
        if (membership is null)
        {
            return false;
        }

        identity.AddClaim(new Claim(PortalClaims.TenantId, membership.TenantId.ToString("D")));
        identity.AddClaim(new Claim(PortalClaims.TenantName, membership.Name));
        identity.AddClaim(new Claim(PortalClaims.OrganisationRole, membership.Role.ToString()));
        return membership.RequireTwoFactor;
    }

    /// <summary>
    /// The organisation whose administrator created this account and is waiting for the person to accept it (the
    /// member is still "invited"), with who created it; null for every other account. Read before any tenant is known.
    /// </summary>
    public static async Task<(string Organisation, string CreatedBy)?> FindPendingOnBehalfAsync(PortalDbContext db, string userId)
    {
        var pending = await db.OrganisationMembers
            .IgnoreQueryFilters([TenantModelConfiguration.FilterName])
            .Where(m => m.UserId == userId && m.Status == Features.Organisations.MemberStatus.Invited)
            .Join(db.Organisations, m => m.TenantId, o => o.Id, (m, o) => o.Name)
            .FirstOrDefaultAsync();
        if (pending is null)
        {
            return null;
        }

        var creator = await db.AuditEvents.Where(e => e.SubjectId == userId && e.Action == Audit.AuditActions.MemberCreatedOnBehalf)
            .Join(db.Users, e => e.ActorId, u => u.Id, (e, u) => (u.FirstName + " " + u.LastName).Trim())
            .FirstOrDefaultAsync();
        return (pending, creator ?? "");
    }

    /// <summary>
    /// Whether the person may not sign in: their organisation restricted or closed their account, Portal suspended the
    /// organisation, or an administrator created the account and the person has not accepted it yet. Read before any
    /// tenant is known.
    /// </summary>
    public static async Task<bool> IsBlockedAsync(PortalDbContext db, string userId) =>
        await BlockedAccountIds(db).AnyAsync(id => id == userId);

    /// <summary>The accounts <see cref="IsBlockedAsync"/> answers true for, to filter a query of many people (the sitemap).</summary>
    public static IQueryable<string> BlockedAccountIds(PortalDbContext db) =>
        db.OrganisationMembers
            .IgnoreQueryFilters([TenantModelConfiguration.FilterName])
            .Join(db.Organisations, m => m.TenantId, o => o.Id, (m, o) => new { m.UserId, m.Status, o.SuspendedAt })
            .Where(m => m.Status == Features.Organisations.MemberStatus.Restricted || m.Status == Features.Organisations.MemberStatus.Closed
                || m.Status == Features.Organisations.MemberStatus.Invited || m.SuspendedAt != null)
            .Select(m => m.UserId);

    /// <summary>The organisation an invitation link belongs to, read before anyone who could say is signed in.</summary>
    public static async Task<Guid?> FindInvitationOrganisationAsync(PortalDbContext db, string tokenHash) =>
        await db.Invitations
            .IgnoreQueryFilters([TenantModelConfiguration.FilterName])
            .Where(i => i.TokenHash == tokenHash)
            .Select(i => (Guid?)i.TenantId)
            .FirstOrDefaultAsync();

    /// <summary>The organisation that has verified this email domain, if any: the offer to join crosses organisations.</summary>
    public static async Task<Guid?> FindVerifiedDomainOwnerAsync(PortalDbContext db, string domain) =>
        await db.OrganisationDomains
            .IgnoreQueryFilters([TenantModelConfiguration.FilterName])
            .Where(d => d.Domain == domain && d.VerifiedAt != null)
            .OrderBy(d => d.VerifiedAt)
            .Select(d => (Guid?)d.TenantId)
            .FirstOrDefaultAsync();

    /// <summary>The person's email choices, for the send path, which acts for no organisation.</summary>
    public static IQueryable<Features.Notifications.NotificationPreferences> NotificationPreferencesOf(PortalDbContext db, string userId) =>
        db.NotificationPreferences
            .IgnoreQueryFilters([TenantModelConfiguration.FilterName])
            .Where(p => p.UserId == userId);

    /// <summary>
    /// What the send path needs to know of one person, in one query: their address, whether it is confirmed, whether
    /// their account is active, their choices and their language. Mail goes to them from any organisation's work.
    /// </summary>
    public static async Task<Features.Notifications.MailRecipient?> MailRecipientAsync(PortalDbContext db, string userId)
    {
        var members = db.OrganisationMembers.IgnoreQueryFilters([TenantModelConfiguration.FilterName]);
        var choices = db.NotificationPreferences.IgnoreQueryFilters([TenantModelConfiguration.FilterName]);
        var profiles = db.Profiles.IgnoreQueryFilters([TenantModelConfiguration.FilterName]);
        return await db.Users
            .Where(u => u.Id == userId)
            .Select(u => new Features.Notifications.MailRecipient(
                u.Email,
                u.EmailConfirmed,
                members.Any(m => m.UserId == u.Id && m.Status == Features.Organisations.MemberStatus.Active),
                u.PromotionalEmailOptIn,
                choices.FirstOrDefault(p => p.UserId == u.Id),
                profiles.Where(p => p.UserId == u.Id).Select(p => p.Language).FirstOrDefault()))
            .FirstOrDefaultAsync();
    }

    public static async Task<bool> RequiresTwoFactorAsync(PortalDbContext db, string userId) =>
        await db.OrganisationMembers
            .IgnoreQueryFilters([TenantModelConfiguration.FilterName])
            .Where(m => m.UserId == userId)
            .Join(db.Organisations, m => m.TenantId, o => o.Id, (m, o) => o.RequireTwoFactor)
            .FirstOrDefaultAsync();

    public static async Task<Guid?> FindOrganisationAsync(PortalDbContext db, string userId) =>
        await db.OrganisationMembers
            .IgnoreQueryFilters([TenantModelConfiguration.FilterName])
            .Where(m => m.UserId == userId)
            .Select(m => (Guid?)m.TenantId)
            .FirstOrDefaultAsync();

    /// <summary>The account with this normalized address and its organisation, in one query (for auditing a sign-in).</summary>
    public static async Task<(string UserId, Guid? OrganisationId)?> FindAccountAsync(PortalDbContext db, string normalizedEmail)
    {
        var members = db.OrganisationMembers.IgnoreQueryFilters([TenantModelConfiguration.FilterName]);
        var account = await db.Users
            .Where(u => u.NormalizedEmail == normalizedEmail)
            .Select(u => new
            {
                u.Id,
                Organisation = members.Where(m => m.UserId == u.Id).Select(m => (Guid?)m.TenantId).FirstOrDefault(),
            })
            .FirstOrDefaultAsync();
        return account is null ? null : (account.Id, account.Organisation);
    }

    /// <summary>
    /// The memberships of the people whose accounts are being saved, whichever organisation the context acts for, so
    /// their directory keys follow their name and email (<see cref="MemberDirectoryKeys"/>).
    /// </summary>
    public static IQueryable<OrganisationMember> MembershipsOf(PortalDbContext db, IReadOnlyCollection<string> userIds) =>
        db.OrganisationMembers
            .IgnoreQueryFilters([TenantModelConfiguration.FilterName])
            .Where(m => userIds.Contains(m.UserId));
}
