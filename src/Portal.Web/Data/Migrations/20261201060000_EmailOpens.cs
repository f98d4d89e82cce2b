using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>Openings of emails, recorded only for people who allowed read tracking.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201060000_EmailOpens")]
public sealed class EmailOpens : Migration
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable("EmailOpens", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            TenantId = t.Column<Guid>(nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            MessageId = t.Column<Guid>(nullable: false),
            OpenedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EmailOpens", x => x.Id);
            t.ForeignKey("FK_EmailOpens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_EmailOpens_Organisations_TenantId", x => x.TenantId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex("IX_EmailOpens_TenantId", "EmailOpens", "TenantId");
        migrationBuilder.CreateIndex("IX_EmailOpens_UserId", "EmailOpens", "UserId");
        migrationBuilder.CreateIndex("IX_EmailOpens_MessageId_OpenedAt", "EmailOpens", ["MessageId", "OpenedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("EmailOpens");
}
