using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>Each person's choice of optional email, read tracking and limiting the use of their data.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201050000_NotificationPreferences")]
public sealed class NotificationPreferences : Migration
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable("NotificationPreferences", t => new
        {
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            TenantId = t.Column<Guid>(nullable: false),
            Newsletter = t.Column<bool>(nullable: false),
            ProductTips = t.Column<bool>(nullable: false),
            PartnerOffers = t.Column<bool>(nullable: false),
            ActivityUpdates = t.Column<bool>(nullable: false),
            Digest = t.Column<string>(maxLength: 20, nullable: false),
            AllowReadTracking = t.Column<bool>(nullable: false),
            LimitDataUse = t.Column<bool>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NotificationPreferences", x => x.UserId);
            t.ForeignKey("FK_NotificationPreferences_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_NotificationPreferences_Organisations_TenantId", x => x.TenantId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex("IX_NotificationPreferences_TenantId", "NotificationPreferences", "TenantId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("NotificationPreferences");
}
