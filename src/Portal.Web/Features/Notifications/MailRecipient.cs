namespace Portal.Web.Features.Notifications;

/// <summary>One person as the send path sees them (<see cref="Tenancy.TenantClaims.MailRecipientAsync"/>); no row of choices means the defaults.</summary>
public sealed record MailRecipient(string? Email, bool EmailConfirmed, bool Active, bool Promotions, NotificationPreferences? Preferences, string? Language)
{
    /// <summary>Only then does an HTML email carry the tracking image.</summary>
    public bool AllowsReadTracking => Preferences is { AllowReadTracking: true, LimitDataUse: false };
}
