using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>Who has had their digest for which period.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201080000_Digests")]
public sealed class Digests : Migration
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable("DigestDeliveries", t => new
        {
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            Period = t.Column<string>(maxLength: 20, nullable: false),
            Sent = t.Column<bool>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_DigestDeliveries", x => new { x.UserId, x.Period });
            t.ForeignKey("FK_DigestDeliveries_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("DigestDeliveries");
}
