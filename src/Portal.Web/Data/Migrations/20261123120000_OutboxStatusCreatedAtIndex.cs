using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>Lets platform admins page through undelivered email newest first (keyset on CreatedAt, Id) within a status.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123120000_OutboxStatusCreatedAtIndex")]
public sealed class OutboxStatusCreatedAtIndex : Migration
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex("IX_OutboxMessages_Status_CreatedAt_Id", "OutboxMessages", ["Status", "CreatedAt", "Id"]);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex("IX_OutboxMessages_Status_CreatedAt_Id", "OutboxMessages");
}
