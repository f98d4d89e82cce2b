using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

/// <summary>
/// An email domain an organisation claims. It is verified by a DNS TXT record only the domain's owner can publish;
/// people whose confirmed address is on a verified domain are offered to join the organisation.
/// </summary>
public sealed class OrganisationDomain : ITenantOwned
{
    public const int MaxLength = 253;

    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Lower case, ASCII (international names in their punycode form).</summary>
    public string Domain { get; set; } = "";

    /// <summary>Published in DNS by the organisation, so not a secret; it only ties the record to this claim.</summary>
    public string Token { get; set; } = "";

    /// <summary>The administrator who claimed it; null once their account is deleted.</summary>
    public string? AddedById { get; set; }

    public DateTime AddedAt { get; set; }

    public DateTime? VerifiedAt { get; set; }

    public string RecordName => $"_portal-verification.{Domain}";

    public string RecordValue => $"portal-verification={Token}";
}
