namespace Portal.Web.Audit;

/// <summary>What a caller says happened; <see cref="AuditLog"/> adds who, where and when.</summary>
public sealed record AuditRecord(
    string Action,
    string? SubjectId = null,
    Guid? OrganisationId = null,
    string? Target = null,
    IReadOnlyCollection<string>? ChangedFields = null,
    string? ActorId = null);

/// <summary>Action codes. Stable strings: they are stored and hashed.</summary>
public static class AuditActions
{
    public const string Registered = "account.registered";
    public const string EmailConfirmed = "account.email_confirmed";
    public const string SignedIn = "account.signed_in";
    public const string SignInFailed = "account.sign_in_failed";
    public const string LockedOut = "account.locked_out";
    public const string PasswordResetRequested = "account.password_reset_requested";
    public const string PasswordReset = "account.password_reset";
    public const string SignedOut = "account.signed_out";
    public const string PreferencesChanged = "account.preferences_changed";
    public const string ProfileUpdated = "profile.updated";
    public const string EmailChangeRequested = "account.email_change_requested";
    public const string EmailChanged = "account.email_changed";
    public const string EmailChangeUndone = "account.email_change_undone";
    public const string ProfilePhotoChanged = "profile.photo_changed";
    public const string ProfilePhotoRemoved = "profile.photo_removed";
    public const string EmailRetried = "email.retried";
    public const string SessionEnded = "security.session_ended";
    public const string SessionsEndedOthers = "security.sessions_ended_others";
    public const string SessionsEndedAll = "security.sessions_ended_all";
    public const string Reauthenticated = "security.reauthenticated";
    public const string PasswordChanged = "security.password_changed";
    public const string TwoFactorEnabled = "security.two_factor_enabled";
    public const string TwoFactorDisabled = "security.two_factor_disabled";
    public const string RecoveryCodesGenerated = "security.recovery_codes_generated";
    public const string RecoveryCodeUsed = "security.recovery_code_used";
    public const string PasskeyAdded = "security.passkey_added";
    public const string PasskeyRenamed = "security.passkey_renamed";
    public const string PasskeyRemoved = "security.passkey_removed";
    public const string MemberPasswordResetSent = "member.password_reset_sent";
    public const string MemberTwoFactorReset = "member.two_factor_reset";
    public const string OrganisationSettingsChanged = "organisation.settings_changed";
    public const string MemberRoleChanged = "member.role_changed";
    public const string MemberRestricted = "member.restricted";
    public const string MemberRestrictionLifted = "member.restriction_lifted";
    public const string MemberClosed = "member.closed";
    public const string MemberInvited = "member.invited";
    public const string MemberCreatedOnBehalf = "member.created_on_behalf";
    public const string MemberActivated = "member.activated";
    public const string InvitationResent = "invitation.resent";
    public const string InvitationRevoked = "invitation.revoked";
    public const string InvitationAccepted = "invitation.accepted";
    public const string MemberLeft = "member.left";
    public const string MemberDataExported = "member.data_exported";
    public const string DataExportRequested = "account.data_export_requested";
    public const string DataExported = "account.data_exported";
    public const string DataExportDownloaded = "account.data_export_downloaded";
    public const string DataExportExpired = "account.data_export_expired";
    public const string AccountClosed = "account.closed";
    public const string ClosureRequested = "account.closure_requested";
    public const string AccountReopened = "account.reopened";
    public const string AccountDeleted = "account.deleted";
    public const string ClosureApproved = "member.closure_approved";
    public const string ClosureDeclined = "member.closure_declined";
    public const string MemberReopened = "member.reopened";
    public const string MemberProfileEdited = "member.profile_edited";
    public const string SupportViewedUser = "support.user_viewed";
    public const string StaffAreaRefused = "support.access_refused";
    public const string NotificationsChanged = "notifications.changed";
    public const string AnnouncementQueued = "announcement.queued";
    public const string AnnouncementSent = "announcement.sent";
    public const string PartnerCreated = "partner.created";
    public const string PartnerUpdated = "partner.updated";
    public const string PartnerSecretRotated = "partner.secret_rotated";
    public const string PartnerOptOutQueued = "partner.optout_queued";
    public const string PartnerOptOutDelivered = "partner.optout_delivered";
    public const string ImpersonationStarted = "impersonation.started";
    public const string ImpersonationStopped = "impersonation.stopped";
    public const string ImpersonationEnded = "impersonation.ended";
    public const string ImpersonationRefused = "impersonation.refused";
    public const string ImpersonationActionRefused = "impersonation.action_refused";
    public const string DisclosureRecorded = "disclosure.recorded";
    public const string DisclosureNoticeLifted = "disclosure.notice_lifted";
    public const string OrganisationSuspended = "organisation.suspended";
    public const string OrganisationSuspensionLifted = "organisation.suspension_lifted";
    public const string LogoChanged = "organisation.logo_changed";
    public const string LogoRemoved = "organisation.logo_removed";
    public const string DomainAdded = "organisation.domain_added";
    public const string DomainVerified = "organisation.domain_verified";
    public const string DomainRemoved = "organisation.domain_removed";
    public const string MemberJoinedByDomain = "member.joined_by_domain";
    public const string OwnershipTransferred = "organisation.ownership_transferred";
    public const string OrganisationAuditExported = "organisation.audit_exported";
}
