using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>Legal requests to disclose a person's information, and whether they have been told.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201030000_DisclosureRequests")]
public sealed class DisclosureRequests : Migration
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable("DisclosureRequests", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            TenantId = t.Column<Guid>(nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            Requester = t.Column<string>(maxLength: 200, nullable: false),
            LegalBasis = t.Column<string>(maxLength: 400, nullable: false),
            ReceivedOn = t.Column<DateOnly>(nullable: false),
            Disclosed = t.Column<string>(maxLength: 2000, nullable: false),
            RecordedById = t.Column<string>(maxLength: 450, nullable: false),
            RecordedAt = t.Column<DateTime>(nullable: false),
            NoticeProhibitedBecause = t.Column<string>(maxLength: 400, nullable: true),
            NotifiedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_DisclosureRequests", x => x.Id);
            t.ForeignKey("FK_DisclosureRequests_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_DisclosureRequests_Organisations_TenantId", x => x.TenantId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex("IX_DisclosureRequests_TenantId", "DisclosureRequests", "TenantId");
        migrationBuilder.CreateIndex("IX_DisclosureRequests_UserId_RecordedAt", "DisclosureRequests", ["UserId", "RecordedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("DisclosureRequests");
}
