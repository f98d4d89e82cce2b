using Portal.Web.Email;
using Portal.Web.Features.Organisations;

namespace Portal.Web.Features.Notifications;

public enum AnnouncementAudience
{
    Everyone,
    Organisation,
    Role,
}

/// <summary>
/// A service announcement or newsletter a PlatformAdmin writes in Markdown and sends to an audience. Like audit events it
/// spans organisations, so it names one in <see cref="OrganisationId"/> rather than being tenant-owned; only platform
/// staff read it.
/// </summary>
public sealed class Announcement
{
    public Guid Id { get; set; }

    /// <summary><see cref="EmailCategory.ServiceAnnouncement"/> (always sent) or <see cref="EmailCategory.Newsletter"/> (to those who chose it).</summary>
    public EmailCategory Category { get; set; }

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    public AnnouncementAudience Audience { get; set; }

    public Guid? OrganisationId { get; set; }

    public OrganisationRole? Role { get; set; }

    public string CreatedById { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>When sending was asked for; the sender works through the audience from then on, surviving restarts.</summary>
    public DateTime? QueuedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    /// <summary>The audience counted when sending was asked for, for the progress bar.</summary>
    public int Expected { get; set; }

    /// <summary>The public address links in the messages start with, taken when sending was asked for.</summary>
    public string LinkBase { get; set; } = "";
}

/// <summary>One recipient of one announcement. Its key is the pair, written with the message, so nobody gets it twice.</summary>
public sealed class AnnouncementDelivery
{
    public Guid AnnouncementId { get; set; }

    public string UserId { get; set; } = "";

    /// <summary>False when the person's choices changed before their turn came and nothing was sent.</summary>
    public bool Sent { get; set; }
}
