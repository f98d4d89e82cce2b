using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>Indexes for support staff's search of people across every organisation.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201020000_PlatformSearch")]
public sealed class PlatformSearch : Migration
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex("IX_OrganisationMembers_SortName_Id", "OrganisationMembers", ["SortName", "Id"]);
        migrationBuilder.CreateIndex("IX_OrganisationMembers_NormalizedEmail", "OrganisationMembers", "NormalizedEmail");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_OrganisationMembers_NormalizedEmail", "OrganisationMembers");
        migrationBuilder.DropIndex("IX_OrganisationMembers_SortName_Id", "OrganisationMembers");
    }
}
