using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>Outbox messages name the organisation that sent them, so its hourly sending limit counts rows.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261204000000_OrganisationSending")]
public sealed class OrganisationSending : Migration
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>("OrganisationId", "OutboxMessages", nullable: true);
        migrationBuilder.CreateIndex("IX_OutboxMessages_OrganisationId_CreatedAt", "OutboxMessages", ["OrganisationId", "CreatedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_OutboxMessages_OrganisationId_CreatedAt", "OutboxMessages");
        migrationBuilder.DropColumn("OrganisationId", "OutboxMessages");
    }
}
