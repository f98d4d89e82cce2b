using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;

namespace Portal.Web.Features.Privacy;

/// <summary>
/// Deletes accounts and everything they own, a batch at a time, inside the caller's transaction and organisation: the
/// account and its Identity rows, profile and photo, membership, sessions, sign-ins, devices, notification choices and
/// their history, consents, disclosures and support accesses about them, invitations they sent or received, the emails
/// sent to them, copies of their data and their closures. Where another record names them (a domain they claimed, a
/// closure they decided) the name is cleared. The audit trail is kept: it names the account by id only, and a
/// <see cref="DeletedAccount"/> tombstone says "Deleted account". An organisation left with no members goes too.
/// Running it twice deletes nothing more: every step selects by id.
/// </summary>
internal static class AccountPurge
{
    public static async Task PurgeAsync(PortalDbContext db, IReadOnlyCollection<string> userIds, DateTime now, CancellationToken cancellationToken)
    {
        var ids = userIds.ToList();
        var people = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Email, u.NormalizedEmail }).ToListAsync(cancellationToken);
        var emails = people.Select(p => p.NormalizedEmail!).ToList();
        var addresses = people.Select(p => p.Email!).ToList();

        // Holds that ended go with the account; one in force stays beside the archive it keeps.
        await db.LegalHolds.Where(h => ids.Contains(h.UserId) && !(h.LiftedAt == null && (h.EndsAt == null || h.EndsAt > now))).ExecuteDeleteAsync(cancellationToken);
        await db.DataExportFiles.Where(f => db.DataExports.Any(e => e.Id == f.ExportId && ids.Contains(e.UserId))).ExecuteDeleteAsync(cancellationToken);
        await db.DataExports.Where(e => ids.Contains(e.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.AccountClosures.Where(c => ids.Contains(c.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.AccountClosures.Where(c => c.DecidedById != null && ids.Contains(c.DecidedById))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DecidedById, (string?)null), cancellationToken);
        await db.OrganisationDomains.Where(d => d.AddedById != null && ids.Contains(d.AddedById))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.AddedById, (string?)null), cancellationToken);
        await db.Invitations.Where(i => ids.Contains(i.InvitedById) || emails.Contains(i.NormalizedEmail)).ExecuteDeleteAsync(cancellationToken);
        await db.OutboxMessages.Where(m => addresses.Contains(m.To)).ExecuteDeleteAsync(cancellationToken);
        await db.ImpersonationSessions.Where(s => ids.Contains(s.SubjectId)).ExecuteDeleteAsync(cancellationToken);
        await db.DisclosureRequests.Where(r => ids.Contains(r.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.EmailOpens.Where(o => ids.Contains(o.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.AnnouncementDeliveries.Where(d => ids.Contains(d.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.DigestDeliveries.Where(d => ids.Contains(d.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.NotificationPreferences.Where(p => ids.Contains(p.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.PolicyAcceptances.Where(a => ids.Contains(a.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.KnownDevices.Where(d => ids.Contains(d.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.SignInAttempts.Where(a => ids.Contains(a.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.UserSessions.Where(s => ids.Contains(s.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.ProfilePhotos.Where(p => ids.Contains(p.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.Profiles.Where(p => ids.Contains(p.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.OrganisationMembers.Where(m => ids.Contains(m.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.UserPasskeys.Where(p => ids.Contains(p.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.UserTokens.Where(t => ids.Contains(t.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.UserLogins.Where(l => ids.Contains(l.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.UserClaims.Where(c => ids.Contains(c.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.UserRoles.Where(r => ids.Contains(r.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.Users.Where(u => ids.Contains(u.Id)).ExecuteDeleteAsync(cancellationToken);

        var known = await db.DeletedAccounts.Where(d => ids.Contains(d.UserId)).Select(d => d.UserId).ToListAsync(cancellationToken);
        db.DeletedAccounts.AddRange(ids.Except(known).Select(id => new DeletedAccount { UserId = id, DeletedAt = now }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The caller's organisation, once nobody is left in it: its invitations, domains and logo, then itself.</summary>
    public static async Task<bool> RemoveIfEmptyAsync(PortalDbContext db, Guid organisationId, CancellationToken cancellationToken)
    {
        if (await db.OrganisationMembers.AnyAsync(cancellationToken))
        {
            return false;
        }

        await db.Invitations.ExecuteDeleteAsync(cancellationToken);
        await db.OrganisationDomains.ExecuteDeleteAsync(cancellationToken);
        await db.OrganisationLogos.ExecuteDeleteAsync(cancellationToken);
        await db.AccountClosures.ExecuteDeleteAsync(cancellationToken);
        return await db.Organisations.Where(o => o.Id == organisationId).ExecuteDeleteAsync(cancellationToken) == 1;
    }
}
