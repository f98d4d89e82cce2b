using Portal.Web.Tenancy;

namespace Portal.Web.Features.Notifications;

/// <summary>One opening of an email, recorded only for people who allowed read tracking.</summary>
public sealed class EmailOpen : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public string UserId { get; set; } = "";

    public Guid MessageId { get; set; }

    public DateTime OpenedAt { get; set; }
}
