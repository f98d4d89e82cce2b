using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

/// <summary>A person's place in their organisation. A person belongs to exactly one organisation.</summary>
public sealed class OrganisationMember : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public string UserId { get; set; } = "";

    public PortalUser? User { get; set; }

    public OrganisationRole Role { get; set; }

    public DateTime JoinedAt { get; set; }
}
