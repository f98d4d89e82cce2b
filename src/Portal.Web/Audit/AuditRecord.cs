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
}
