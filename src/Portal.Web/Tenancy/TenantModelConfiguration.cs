using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Portal.Web.Tenancy;

/// <summary>Adds the named tenant filter to every <see cref="ITenantOwned"/> entity in the model.</summary>
internal static class TenantModelConfiguration
{
    public const string FilterName = "Tenant";

    public static void ApplyTenantFilters(this ModelBuilder modelBuilder, Expression<Func<Guid>> currentTenant)
    {
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (!typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType) || entityType.BaseType is not null)
            {
                continue;
            }

            var row = Expression.Parameter(entityType.ClrType, "row");
            var tenantOfRow = Expression.Property(row, nameof(ITenantOwned.TenantId));
            var filter = Expression.Lambda(Expression.Equal(tenantOfRow, currentTenant.Body), row);
            modelBuilder.Entity(entityType.ClrType).HasQueryFilter(FilterName, filter);
            modelBuilder.Entity(entityType.ClrType).HasIndex(nameof(ITenantOwned.TenantId));
        }
    }
}
