using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>Identity (schema version 3), organisations, legal documents, audit log, outbox and key ring.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        IdentitySchema.Create(migrationBuilder);
        PortalSchema.Create(migrationBuilder);
        PortalSchema.SeedLegalDocuments(migrationBuilder);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        PortalSchema.Drop(migrationBuilder);
        IdentitySchema.Drop(migrationBuilder);
    }
}
