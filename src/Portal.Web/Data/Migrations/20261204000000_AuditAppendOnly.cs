using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>
/// The database itself refuses to change or delete audit events, so bulk statements and raw SQL through the app's
/// connection cannot do it either. SQLite gets triggers; SQL Server is protected by permissions and ledger tables,
/// which are deployment choices (docs/decisions.md, "Audit anchoring").
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261204000000_AuditAppendOnly")]
public sealed class AuditAppendOnly : Migration
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.ActiveProvider != "Microsoft.EntityFrameworkCore.Sqlite")
        {
            return;
        }

        migrationBuilder.Sql("""
            CREATE TRIGGER "AuditEvents_NoUpdate" BEFORE UPDATE ON "AuditEvents"
            BEGIN
                SELECT RAISE(ABORT, 'Audit events are append-only: they cannot be changed.');
            END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "AuditEvents_NoDelete" BEFORE DELETE ON "AuditEvents"
            BEGIN
                SELECT RAISE(ABORT, 'Audit events are append-only: they cannot be deleted.');
            END;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.ActiveProvider != "Microsoft.EntityFrameworkCore.Sqlite")
        {
            return;
        }

        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditEvents_NoDelete";""");
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditEvents_NoUpdate";""");
    }
}
