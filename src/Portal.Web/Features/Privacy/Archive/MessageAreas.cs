using Microsoft.EntityFrameworkCore;
using Portal.Web.Email;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Organisations;

namespace Portal.Web.Features.Privacy;

internal sealed record ArchiveNotificationPreferences(string Kind, bool Newsletter, bool ProductTips, bool PartnerOffers, bool ActivityUpdates,
    DigestFrequency Digest, bool AllowReadTracking, bool LimitDataUse, DateTime UpdatedAt);

internal sealed record ArchiveDigestDelivery(string Kind, string Period, bool Sent, DateTime CreatedAt);

internal sealed record ArchiveAnnouncementDelivery(string Kind, Guid AnnouncementId, string? Subject, EmailCategory? Category, bool Sent);

internal sealed record ArchiveEmailOpen(string Kind, Guid MessageId, DateTime OpenedAt);

internal sealed record ArchiveEmail(Guid Id, string Subject, EmailCategory Category, OutboxStatus Status, DateTime CreatedAt, DateTime? SentAt);

internal sealed record ArchiveInvitation(string Organisation, string Email, OrganisationRole Role, DateTime CreatedAt, DateTime SentAt, DateTime ExpiresAt,
    DateTime? AcceptedAt, DateTime? RevokedAt);

internal sealed record ArchiveDisclosure(string Requester, string LegalBasis, DateOnly ReceivedOn, string Disclosed, DateTime? NotifiedAt);

/// <summary>Email choices and deliveries, the person's mail, invitations to their address and disclosure requests they were told of.</summary>
internal static class MessageAreas
{
    /// <summary>Preferences, digest and announcement deliveries and email opens, each record named by its <c>kind</c>.</summary>
    public static async Task NotificationsAsync(ArchiveWriter writer, ArchivePerson person)
    {
        var db = person.Db;
        var userId = person.UserId;
        var entry = await writer.BeginAsync("notifications.json");
        await using (entry)
        {
            if (person.OrganisationId is not null)
            {
                await entry.AddAsync(db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId)
                    .Select(p => new ArchiveNotificationPreferences("preferences", p.Newsletter, p.ProductTips, p.PartnerOffers, p.ActivityUpdates,
                        p.Digest, p.AllowReadTracking, p.LimitDataUse, p.UpdatedAt))
                    .AsAsyncEnumerable());
            }

            await entry.AddAsync(db.DigestDeliveries.AsNoTracking().Where(d => d.UserId == userId).OrderBy(d => d.CreatedAt).ThenBy(d => d.Period)
                .Select(d => new ArchiveDigestDelivery("digest", d.Period, d.Sent, d.CreatedAt))
                .AsAsyncEnumerable());
            await entry.AddAsync(db.AnnouncementDeliveries.AsNoTracking().Where(d => d.UserId == userId).OrderBy(d => d.AnnouncementId)
                .Select(d => new
                {
                    d.AnnouncementId, d.Sent,
                    Announcement = db.Announcements.Where(a => a.Id == d.AnnouncementId).Select(a => new { a.Subject, a.Category }).FirstOrDefault(),
                })
                .AsAsyncEnumerable()
                .Select(d => new ArchiveAnnouncementDelivery("announcement", d.AnnouncementId, d.Announcement?.Subject, d.Announcement?.Category, d.Sent)));
            if (person.OrganisationId is not null)
            {
                await entry.AddAsync(db.EmailOpens.AsNoTracking().Where(o => o.UserId == userId).OrderBy(o => o.OpenedAt).ThenBy(o => o.Id)
                    .Select(o => new ArchiveEmailOpen("emailOpen", o.MessageId, o.OpenedAt))
                    .AsAsyncEnumerable());
            }

            await writer.EndAsync(entry);
        }
    }

    /// <summary>
    /// Email sent to the person's current address since their account began: subject, category and dates. Never the bodies,
    /// which carry sign-in and reset links, nor anything of other recipients.
    /// </summary>
    public static Task EmailsAsync(ArchiveWriter writer, ArchivePerson person)
    {
        if (string.IsNullOrEmpty(person.Email))
        {
            return writer.WriteAsync("emails.json", AsyncEnumerable.Empty<ArchiveEmail>());
        }

        var to = person.Email;
        var since = person.CreatedAt;
        return writer.WriteAsync("emails.json", person.Db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == OutboxKind.Email && m.To == to && m.CreatedAt >= since)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new ArchiveEmail(m.Id, m.Subject, m.Category, m.Status, m.CreatedAt, m.SentAt))
            .AsAsyncEnumerable());
    }

    /// <summary>Invitations to the person's address from their organisation; never the link's token hash.</summary>
    public static Task InvitationsAsync(ArchiveWriter writer, ArchivePerson person)
    {
        if (person.OrganisationId is null || string.IsNullOrEmpty(person.NormalizedEmail))
        {
            return writer.WriteAsync("invitations.json", AsyncEnumerable.Empty<ArchiveInvitation>());
        }

        var db = person.Db;
        var address = person.NormalizedEmail;
        return writer.WriteAsync("invitations.json", db.Invitations.AsNoTracking().Where(i => i.NormalizedEmail == address)
            .Join(db.Organisations, i => i.TenantId, o => o.Id, (i, o) => new { Invitation = i, Organisation = o.Name })
            .OrderBy(x => x.Invitation.CreatedAt).ThenBy(x => x.Invitation.Id)
            .Select(x => new ArchiveInvitation(x.Organisation, x.Invitation.Email, x.Invitation.Role, x.Invitation.CreatedAt, x.Invitation.SentAt,
                x.Invitation.ExpiresAt, x.Invitation.AcceptedAt, x.Invitation.RevokedAt))
            .AsAsyncEnumerable());
    }

    /// <summary>
    /// Disclosure requests the person has been told of, as their privacy page shows them. A request whose notice is
    /// withheld (not yet notified, or still prohibited) is never read.
    /// </summary>
    public static Task DisclosuresAsync(ArchiveWriter writer, ArchivePerson person)
    {
        if (person.OrganisationId is null)
        {
            return writer.WriteAsync("disclosures.json", AsyncEnumerable.Empty<ArchiveDisclosure>());
        }

        return writer.WriteAsync("disclosures.json", person.Db.DisclosureRequests.AsNoTracking()
            .Where(d => d.UserId == person.UserId && d.NotifiedAt != null && d.NoticeProhibitedBecause == null)
            .OrderBy(d => d.RecordedAt).ThenBy(d => d.Id)
            .Select(d => new ArchiveDisclosure(d.Requester, d.LegalBasis, d.ReceivedOn, d.Disclosed, d.NotifiedAt))
            .AsAsyncEnumerable());
    }
}
