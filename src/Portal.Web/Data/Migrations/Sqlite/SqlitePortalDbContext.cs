using Microsoft.EntityFrameworkCore;
using Portal.Web.Tenancy;

namespace Portal.Web.Data.Migrations.Sqlite;

/// <summary>Owns the SQLite migrations; start-up migrates through it when <c>Database:Provider</c> is Sqlite.</summary>
internal sealed class SqlitePortalDbContext(DbContextOptions<PortalDbContext> options, TenantContext tenant)
    : PortalDbContext(options, tenant);
