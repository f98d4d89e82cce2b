using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>Co-branded registration partners, the partner a person registered through, and webhooks in the outbox.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201090000_Partners")]
public sealed class Partners : Migration
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable("Partners", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Slug = t.Column<string>(maxLength: 40, nullable: false),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            PrivacyPolicyUrl = t.Column<string>(maxLength: 400, nullable: false),
            WebhookUrl = t.Column<string>(maxLength: 400, nullable: false),
            WebhookSecret = t.Column<string>(maxLength: 100, nullable: false),
            Active = t.Column<bool>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Partners", x => x.Id));
        migrationBuilder.CreateIndex("IX_Partners_Slug", "Partners", "Slug", unique: true);
        migrationBuilder.AddColumn<Guid>("PartnerId", "AspNetUsers", nullable: true);
        migrationBuilder.CreateIndex("IX_AspNetUsers_PartnerId", "AspNetUsers", "PartnerId");
        migrationBuilder.AddColumn<string>("Kind", "OutboxMessages", maxLength: 20, nullable: false, defaultValue: "Email");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("Kind", "OutboxMessages");
        migrationBuilder.DropIndex("IX_AspNetUsers_PartnerId", "AspNetUsers");
        migrationBuilder.DropColumn("PartnerId", "AspNetUsers");
        migrationBuilder.DropTable("Partners");
    }
}
