using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>Email domains organisations claim and verify through DNS, and organisations' logos.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201010000_OrganisationDomains")]
public sealed class OrganisationDomains : Migration
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable("OrganisationDomains", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            TenantId = t.Column<Guid>(nullable: false),
            Domain = t.Column<string>(maxLength: 253, nullable: false),
            Token = t.Column<string>(maxLength: 64, nullable: false),
            AddedById = t.Column<string>(maxLength: 450, nullable: false),
            AddedAt = t.Column<DateTime>(nullable: false),
            VerifiedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_OrganisationDomains", x => x.Id);
            t.ForeignKey("FK_OrganisationDomains_Organisations_TenantId", x => x.TenantId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex("IX_OrganisationDomains_Domain", "OrganisationDomains", "Domain");
        migrationBuilder.CreateIndex("IX_OrganisationDomains_TenantId", "OrganisationDomains", "TenantId");
        migrationBuilder.CreateIndex("IX_OrganisationDomains_TenantId_Domain", "OrganisationDomains", ["TenantId", "Domain"], unique: true);

        migrationBuilder.CreateTable("OrganisationLogos", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            TenantId = t.Column<Guid>(nullable: false),
            ContentType = t.Column<string>(maxLength: 32, nullable: false),
            Content = t.Column<byte[]>(nullable: false),
            Width = t.Column<int>(nullable: false),
            Height = t.Column<int>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            Version = t.Column<string>(maxLength: 16, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_OrganisationLogos", x => x.Id);
            t.ForeignKey("FK_OrganisationLogos_Organisations_TenantId", x => x.TenantId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex("IX_OrganisationLogos_TenantId", "OrganisationLogos", "TenantId", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("OrganisationLogos");
        migrationBuilder.DropTable("OrganisationDomains");
    }
}
