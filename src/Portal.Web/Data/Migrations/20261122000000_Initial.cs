using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>Identity (schema version 3), organisations, legal documents, audit log, outbox and key ring.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    // No snapshot: a target model that states only the EF version keeps SQL Server from adding
    // pre-2.0 "IS NOT NULL" filters to unique indexes on required columns.
    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

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
