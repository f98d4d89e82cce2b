using Microsoft.EntityFrameworkCore;
using Portal.Tests.Data;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Tests.Architecture;

public sealed class TenancyRuleTests
{
    [Fact]
    public void Every_entity_with_a_TenantId_is_tenant_owned_and_filtered()
    {
        using var db = new PortalDbContext(
            new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=:memory:").Options,
            new TenantContext(new CurrentUser()));

        var offenders = db.Model.GetEntityTypes()
            .Where(e => e.FindProperty(nameof(ITenantOwned.TenantId)) is not null)
            .Where(e => !typeof(ITenantOwned).IsAssignableFrom(e.ClrType) || e.FindDeclaredQueryFilter(TenantModelConfiguration.FilterName) is null)
            .Select(e => e.ClrType.Name)
            .ToList();

        offenders.ShouldBeEmpty("These entities have a TenantId but are not ITenantOwned with the tenant filter");
        db.Model.GetEntityTypes().Count(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)).ShouldBeGreaterThan(0);
    }
}
