using Portal.Web.Tenancy;

namespace Portal.Web.Features.Support;

/// <summary>
/// A legal request to disclose a person's information, recorded by Portal staff. The person is told, unless a recorded
/// prohibition on notice applies; when that prohibition is lifted, they are told then.
/// </summary>
public sealed class DisclosureRequest : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public string UserId { get; set; } = "";

    public string Requester { get; set; } = "";

    public string LegalBasis { get; set; } = "";

    public DateOnly ReceivedOn { get; set; }

    public string Disclosed { get; set; } = "";

    public string RecordedById { get; set; } = "";

    public DateTime RecordedAt { get; set; }

    /// <summary>Why the person may not be told yet (a court order, for example); null when they may.</summary>
    public string? NoticeProhibitedBecause { get; set; }

    public DateTime? NotifiedAt { get; set; }
}
