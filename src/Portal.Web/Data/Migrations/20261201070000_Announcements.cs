using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>Announcements and newsletters, and who has been sent each one.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201070000_Announcements")]
public sealed class Announcements : Migration
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable("Announcements", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Category = t.Column<string>(maxLength: 40, nullable: false),
            Subject = t.Column<string>(maxLength: 200, nullable: false),
            Body = t.Column<string>(maxLength: 20000, nullable: false),
            Audience = t.Column<string>(maxLength: 20, nullable: false),
            OrganisationId = t.Column<Guid>(nullable: true),
            Role = t.Column<string>(maxLength: 20, nullable: true),
            CreatedById = t.Column<string>(maxLength: 450, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            QueuedAt = t.Column<DateTime>(nullable: true),
            CompletedAt = t.Column<DateTime>(nullable: true),
            Expected = t.Column<int>(nullable: false),
            LinkBase = t.Column<string>(maxLength: 400, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Announcements", x => x.Id));
        migrationBuilder.CreateIndex("IX_Announcements_CreatedAt", "Announcements", "CreatedAt");
        migrationBuilder.CreateTable("AnnouncementDeliveries", t => new
        {
            AnnouncementId = t.Column<Guid>(nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            Sent = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AnnouncementDeliveries", x => new { x.AnnouncementId, x.UserId });
            t.ForeignKey("FK_AnnouncementDeliveries_Announcements_AnnouncementId", x => x.AnnouncementId, "Announcements", "Id", onDelete: ReferentialAction.Cascade);
        });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("AnnouncementDeliveries");
        migrationBuilder.DropTable("Announcements");
    }
}
