using Portal.Web.Tenancy;

namespace Portal.Web.Features.Notifications;

public enum DigestFrequency
{
    Off,
    Weekly,
    Monthly,
}

/// <summary>
/// What optional email a person wants. Promotions live on the account itself (<c>PortalUser.PromotionalEmailOptIn</c>,
/// ticked or not at registration); everything else is here. A person without a row has the defaults below.
/// </summary>
public sealed class NotificationPreferences : ITenantOwned
{
    public string UserId { get; set; } = "";

    public Guid TenantId { get; set; }

    public bool Newsletter { get; set; }

    public bool ProductTips { get; set; }

    public bool PartnerOffers { get; set; }

    /// <summary>Activity on their own account and organisation: on until they turn it off.</summary>
    public bool ActivityUpdates { get; set; } = true;

    /// <summary>The weekly updates the policies describe, which "you can decide to stop getting" in the account settings.</summary>
    public DigestFrequency Digest { get; set; } = DigestFrequency.Weekly;

    /// <summary>Only then do HTML emails carry an open-tracking image, and opens are recorded.</summary>
    public bool AllowReadTracking { get; set; }

    /// <summary>"Limit use of my data": every optional category stays off, and no tracking, until lifted.</summary>
    public bool LimitDataUse { get; set; }

    public DateTime UpdatedAt { get; set; }
}
