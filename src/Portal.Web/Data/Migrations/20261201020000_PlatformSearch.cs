using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>Support staff's search of people, organisations and the audit log across the platform, and organisation suspension.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201020000_PlatformSearch")]
public sealed class PlatformSearch : Migration
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex("IX_OrganisationMembers_SortName_Id", "OrganisationMembers", ["SortName", "Id"]);
        migrationBuilder.CreateIndex("IX_OrganisationMembers_NormalizedEmail", "OrganisationMembers", "NormalizedEmail");
        migrationBuilder.CreateIndex("IX_Organisations_Name_Id", "Organisations", ["Name", "Id"]);
        migrationBuilder.AddColumn<DateTime>("SuspendedAt", "Organisations", nullable: true);
        migrationBuilder.CreateIndex("IX_AuditEvents_ActorId_Sequence", "AuditEvents", ["ActorId", "Sequence"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_AuditEvents_ActorId_Sequence", "AuditEvents");
        migrationBuilder.DropColumn("SuspendedAt", "Organisations");
        migrationBuilder.DropIndex("IX_Organisations_Name_Id", "Organisations");
        migrationBuilder.DropIndex("IX_OrganisationMembers_NormalizedEmail", "OrganisationMembers");
        migrationBuilder.DropIndex("IX_OrganisationMembers_SortName_Id", "OrganisationMembers");
    }
}
