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

    public MemberStatus Status { get; set; }

    public DateTime JoinedAt { get; set; }

    /// <summary>
    /// "LAST FIRST", folded (<see cref="MemberNames.Fold"/>): the directory sorts and searches its own rows and never joins
    /// the users table for it. Kept in step with the user by PortalDbContext on every save.
    /// </summary>
    public string SortName { get; set; } = "";

    /// <summary>"FIRST LAST", folded, so that a search for a first name (or a full name as people write it) is an index range too.</summary>
    public string SearchName { get; set; } = "";

    /// <summary>The user's normalized email, copied for the directory's email-prefix search.</summary>
    public string NormalizedEmail { get; set; } = "";
}
