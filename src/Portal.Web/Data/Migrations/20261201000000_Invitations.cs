using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>Invitations to join an organisation by email.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201000000_Invitations")]
public sealed class Invitations : Migration
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable("Invitations", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            TenantId = t.Column<Guid>(nullable: false),
            Email = t.Column<string>(maxLength: 256, nullable: false),
            NormalizedEmail = t.Column<string>(maxLength: 256, nullable: false),
            Role = t.Column<string>(maxLength: 20, nullable: false),
            TokenHash = t.Column<string>(maxLength: 64, nullable: false),
            InvitedById = t.Column<string>(maxLength: 450, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            SentAt = t.Column<DateTime>(nullable: false),
            ExpiresAt = t.Column<DateTime>(nullable: false),
            AcceptedAt = t.Column<DateTime>(nullable: true),
            RevokedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Invitations", x => x.Id);
            t.ForeignKey("FK_Invitations_Organisations_TenantId", x => x.TenantId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex("IX_Invitations_TenantId", "Invitations", "TenantId");
        migrationBuilder.CreateIndex("IX_Invitations_TenantId_NormalizedEmail", "Invitations", ["TenantId", "NormalizedEmail"]);
        migrationBuilder.CreateIndex("IX_Invitations_TokenHash", "Invitations", "TokenHash", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("Invitations");
}
