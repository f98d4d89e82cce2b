using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>Support staff acting as a person: the record of each time, the fixed end of its session, and the organisation's wish to be told.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201040000_Impersonation")]
public sealed class Impersonation : Migration
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>("TellAdminsOfSupportAccess", "Organisations", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<DateTime>("ExpiresAt", "UserSessions", nullable: true);
        migrationBuilder.CreateTable("ImpersonationSessions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            TenantId = t.Column<Guid>(nullable: false),
            SubjectId = t.Column<string>(maxLength: 450, nullable: false),
            AgentId = t.Column<string>(maxLength: 450, nullable: false),
            AgentSessionId = t.Column<Guid>(nullable: false),
            SubjectSessionId = t.Column<Guid>(nullable: false),
            AgentMethods = t.Column<string>(maxLength: 100, nullable: false),
            Reason = t.Column<string>(maxLength: 500, nullable: false),
            Ticket = t.Column<string>(maxLength: 100, nullable: true),
            ReadOnly = t.Column<bool>(nullable: false),
            StartedAt = t.Column<DateTime>(nullable: false),
            ExpiresAt = t.Column<DateTime>(nullable: false),
            EndedAt = t.Column<DateTime>(nullable: true),
            EndReason = t.Column<string>(maxLength: 20, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ImpersonationSessions", x => x.Id);
            t.ForeignKey("FK_ImpersonationSessions_AspNetUsers_SubjectId", x => x.SubjectId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ImpersonationSessions_Organisations_TenantId", x => x.TenantId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex("IX_ImpersonationSessions_TenantId", "ImpersonationSessions", "TenantId");
        migrationBuilder.CreateIndex("IX_ImpersonationSessions_SubjectId_StartedAt", "ImpersonationSessions", ["SubjectId", "StartedAt"]);
        migrationBuilder.CreateIndex("IX_ImpersonationSessions_AgentId_StartedAt", "ImpersonationSessions", ["AgentId", "StartedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ImpersonationSessions");
        migrationBuilder.DropColumn("ExpiresAt", "UserSessions");
        migrationBuilder.DropColumn("TellAdminsOfSupportAccess", "Organisations");
    }
}
