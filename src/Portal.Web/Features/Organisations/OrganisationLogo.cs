using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

/// <summary>An organisation's logo, re-encoded from its pixels like a profile photo, shown to its members.</summary>
public sealed class OrganisationLogo : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public string ContentType { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public int Width { get; set; }

    public int Height { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>A short hash of the content, for the URL and the ETag, so a new logo is never served from a cache.</summary>
    public string Version { get; set; } = "";
}
