using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>
/// The members directory: each member's status (existing members are Active) and the directory's own copies of the
/// person's name and email, with the indexes its pages and searches read.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration(Id)]
public sealed class MemberDirectory : Migration
{
    public const string Id = "20261122030000_MemberDirectory";

    private const string Table = "OrganisationMembers";

    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // As the model declares for SQLite only (OrganisationMemberConfiguration.UseSqlitePrefixSearch).
        var noCase = migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite" ? "NOCASE" : null;
        migrationBuilder.AddColumn<string>("Status", Table, maxLength: 20, nullable: false, defaultValue: "Active");
        migrationBuilder.AddColumn<string>("SortName", Table, maxLength: 201, nullable: false, defaultValue: "", collation: noCase);
        migrationBuilder.AddColumn<string>("SearchName", Table, maxLength: 201, nullable: false, defaultValue: "", collation: noCase);
        migrationBuilder.AddColumn<string>("NormalizedEmail", Table, maxLength: 256, nullable: false, defaultValue: "", collation: noCase);

        // Valid on SQLite (3.44+, for CONCAT) and SQL Server alike. Neither database removes accents the way
        // MemberDirectoryKeys.Fold does, so start-up refreshes the keys once after this migration.
        migrationBuilder.Sql("""
            UPDATE "OrganisationMembers" SET
                "SortName" = COALESCE((SELECT UPPER(TRIM(CONCAT("u"."LastName", ' ', "u"."FirstName"))) FROM "AspNetUsers" AS "u" WHERE "u"."Id" = "OrganisationMembers"."UserId"), ''),
                "SearchName" = COALESCE((SELECT UPPER(TRIM(CONCAT("u"."FirstName", ' ', "u"."LastName"))) FROM "AspNetUsers" AS "u" WHERE "u"."Id" = "OrganisationMembers"."UserId"), ''),
                "NormalizedEmail" = COALESCE((SELECT COALESCE("u"."NormalizedEmail", UPPER("u"."Email")) FROM "AspNetUsers" AS "u" WHERE "u"."Id" = "OrganisationMembers"."UserId"), '');
            """);

        migrationBuilder.CreateIndex("IX_OrganisationMembers_TenantId_SortName_Id", Table, ["TenantId", "SortName", "Id"]);
        migrationBuilder.CreateIndex("IX_OrganisationMembers_TenantId_Status_SortName_Id", Table, ["TenantId", "Status", "SortName", "Id"]);
        migrationBuilder.CreateIndex("IX_OrganisationMembers_TenantId_Role_SortName_Id", Table, ["TenantId", "Role", "SortName", "Id"]);
        migrationBuilder.CreateIndex("IX_OrganisationMembers_TenantId_Role_Status_SortName_Id", Table, ["TenantId", "Role", "Status", "SortName", "Id"]);
        migrationBuilder.CreateIndex("IX_OrganisationMembers_TenantId_SearchName_SortName_Id", Table, ["TenantId", "SearchName", "SortName", "Id"]);
        migrationBuilder.CreateIndex("IX_OrganisationMembers_TenantId_NormalizedEmail", Table, ["TenantId", "NormalizedEmail"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_OrganisationMembers_TenantId_NormalizedEmail", Table);
        migrationBuilder.DropIndex("IX_OrganisationMembers_TenantId_SearchName_SortName_Id", Table);
        migrationBuilder.DropIndex("IX_OrganisationMembers_TenantId_Role_Status_SortName_Id", Table);
        migrationBuilder.DropIndex("IX_OrganisationMembers_TenantId_Role_SortName_Id", Table);
        migrationBuilder.DropIndex("IX_OrganisationMembers_TenantId_Status_SortName_Id", Table);
        migrationBuilder.DropIndex("IX_OrganisationMembers_TenantId_SortName_Id", Table);
        migrationBuilder.DropColumn("NormalizedEmail", Table);
        migrationBuilder.DropColumn("SearchName", Table);
        migrationBuilder.DropColumn("SortName", Table);
        migrationBuilder.DropColumn("Status", Table);
    }
}
