using Microsoft.AspNetCore.Identity;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Features.Legal;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Profiles;
using Portal.Web.Features.Security;
using Portal.Web.Features.Support;

namespace Portal.Web.Features.Privacy;

/// <summary>
/// Where each table that can hold a person's id goes in the archive, or why it does not. A value ending in
/// <c>.json</c> is the file; any other value is the reason. A test fails a table with a person's id missing here.
/// </summary>
internal static class ArchiveCoverage
{
    public const string NotExported = "Not exported: ";

    public static readonly IReadOnlyDictionary<Type, string> ByEntity = new Dictionary<Type, string>
    {
        [typeof(PortalUser)] = "account.json",
        [typeof(IdentityUserRole<string>)] = "account.json",
        [typeof(IdentityUserClaim<string>)] = "account.json",
        [typeof(IdentityUserLogin<string>)] = "linked-accounts.json",
        [typeof(IdentityUserPasskey<string>)] = "devices.json",
        [typeof(IdentityUserToken<string>)] = NotExported
            + "secrets: the authenticator key, recovery codes and external sign-in tokens would let anyone holding the archive sign in as the person.",
        [typeof(Profile)] = "profile.json",
        [typeof(ProfilePhoto)] = "photo.json",
        [typeof(OrganisationMember)] = "organisation.json",
        [typeof(UserSession)] = "sessions.json",
        [typeof(SignInAttempt)] = "sign-ins.json",
        [typeof(KnownDevice)] = "devices.json",
        [typeof(NotificationPreferences)] = "notifications.json",
        [typeof(DigestDelivery)] = "notifications.json",
        [typeof(AnnouncementDelivery)] = "notifications.json",
        [typeof(EmailOpen)] = "notifications.json",
        [typeof(PolicyAcceptance)] = "consents.json",
        [typeof(DisclosureRequest)] = "disclosures.json",
        [typeof(ImpersonationSession)] = "support-access.json",
        [typeof(AuditEvent)] = "audit.json",
        [typeof(OutboxMessage)] = "emails.json",
        [typeof(Invitation)] = "invitations.json",
        [typeof(Announcement)] = NotExported
            + "CreatedById names the staff member who wrote it: platform content written at work, not data about them; each person's delivery is in notifications.json.",
        [typeof(OrganisationDomain)] = NotExported
            + "AddedById names the administrator who claimed the domain: the organisation's record, not data about them.",
        [typeof(DataExport)] = NotExported
            + "the requests for copies are the archive's own bookkeeping; each request, preparation and download is in audit.json.",
        [typeof(AccountClosure)] = NotExported
            + "a closure's own bookkeeping; each request, decision, closing and reopening is in audit.json.",
        [typeof(LegalHold)] = NotExported
            + "a legal hold may be confidential while it is in force, so neither the person nor their administrators see it.",
        [typeof(HeldArchive)] = NotExported
            + "it is this archive, sealed, kept for a legal hold after the account was deleted.",
        [typeof(DeletedAccount)] = NotExported
            + "what is left once an account is deleted, when there is no account to export.",
    };
}
