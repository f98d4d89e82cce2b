using Microsoft.AspNetCore.Identity;

namespace Portal.Web.Data;

/// <summary>A person who signs in to Portal. Organisation membership lives in OrganisationMember.</summary>
public sealed class PortalUser : IdentityUser
{
    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>Promotional email is opt-in: false until the person ticks the box.</summary>
    public bool PromotionalEmailOptIn { get; set; }

    /// <summary>The partner whose co-branded page they registered on, told when they opt out of promotions; null for everyone else.</summary>
    public Guid? PartnerId { get; set; }

    public string DisplayName => $"{FirstName} {LastName}".Trim();
}
