using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

public sealed record OrganisationSummary(string Name, string Slug, DateTime CreatedAt, IReadOnlyDictionary<OrganisationRole, int> MembersByRole);

/// <summary>The signed-in administrator's organisation at a glance.</summary>
public sealed class OrganisationOverview(IDbContextFactory<PortalDbContext> dbFactory, TenantContext tenant)
{
    public async Task<OrganisationSummary> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == tenant.TenantId, cancellationToken);
        var counts = await db.OrganisationMembers
            .GroupBy(m => m.Role)
            .Select(g => new { Role = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Role, g => g.Count, cancellationToken);
        return new OrganisationSummary(organisation.Name, organisation.Slug, organisation.CreatedAt, counts);
    }
}
