using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>The rules an organisation sets for its members: what they may change themselves, and support access.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122040000_OrganisationPolicies")]
public sealed class OrganisationPolicies : Migration
{
    private static readonly string[] Permissions = ["MembersMayCloseAccount", "MembersMayChangeEmail", "MembersMayLinkAccounts", "SupportMayAccess"];

    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var permission in Permissions)
        {
            migrationBuilder.AddColumn<bool>(permission, "Organisations", nullable: false, defaultValue: true);
        }

        migrationBuilder.AddColumn<string>("LockedProfileFields", "Organisations", maxLength: 200, nullable: false, defaultValue: "");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("LockedProfileFields", "Organisations");
        foreach (var permission in Permissions)
        {
            migrationBuilder.DropColumn(permission, "Organisations");
        }
    }
}
