using Microsoft.EntityFrameworkCore;
using Portal.Web.Tenancy;

namespace Portal.Web.Data.Migrations.SqlServer;

/// <summary>Owns the SQL Server migrations; start-up migrates through it when <c>Database:Provider</c> is SqlServer.</summary>
internal sealed class SqlServerPortalDbContext(DbContextOptions<PortalDbContext> options, TenantContext tenant)
    : PortalDbContext(options, tenant);
