using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;

namespace Portal.Web.Tenancy;

/// <summary>
/// Operator staff's reads across organisations: the one way past the tenant filter for them. Callers have checked the
/// Support policy first; each use names why staff read there.
/// </summary>
internal static class PlatformReads
{
    public static IQueryable<OrganisationMember> MembersOfEveryOrganisation(this PortalDbContext db) =>
        db.OrganisationMembers.IgnoreQueryFilters([TenantModelConfiguration.FilterName]).AsNoTracking();

    /// <summary>Disclosure requests whose notice is withheld, reviewed by staff across organisations.</summary>
    public static IQueryable<Features.Support.DisclosureRequest> DisclosuresOfEveryOrganisation(this PortalDbContext db) =>
        db.DisclosureRequests.IgnoreQueryFilters([TenantModelConfiguration.FilterName]).AsNoTracking();

    /// <summary>Impersonations across organisations: whether an agent already acts for someone, and the cookie check before any tenant is known.</summary>
    public static IQueryable<Features.Support.ImpersonationSession> ImpersonationsOfEveryOrganisation(this PortalDbContext db) =>
        db.ImpersonationSessions.IgnoreQueryFilters([TenantModelConfiguration.FilterName]);
}
