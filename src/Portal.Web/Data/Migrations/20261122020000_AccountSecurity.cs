using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>Server-side sessions, the sign-in history, recognised browsers, and the organisation's two-factor rule.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122020000_AccountSecurity")]
public sealed class AccountSecurity : Migration
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>("RequireTwoFactor", "Organisations", nullable: false, defaultValue: false);

        migrationBuilder.CreateTable("UserSessions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            Device = t.Column<string>(maxLength: 100, nullable: false),
            IpAddress = t.Column<string>(maxLength: 64, nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            LastSeenAt = t.Column<DateTime>(nullable: false),
            AuthenticatedAt = t.Column<DateTime>(nullable: false),
            Persistent = t.Column<bool>(nullable: false),
            RevokedAt = t.Column<DateTime>(nullable: true),
            RevokedReason = t.Column<string>(maxLength: 40, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_UserSessions", x => x.Id);
            t.ForeignKey("FK_UserSessions_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex("IX_UserSessions_UserId_CreatedAt", "UserSessions", ["UserId", "CreatedAt"]);

        migrationBuilder.CreateTable("SignInAttempts", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            OccurredAt = t.Column<DateTime>(nullable: false),
            Outcome = t.Column<string>(maxLength: 20, nullable: false),
            Method = t.Column<string>(maxLength: 40, nullable: false),
            Device = t.Column<string>(maxLength: 100, nullable: false),
            IpAddress = t.Column<string>(maxLength: 64, nullable: true),
            NewDevice = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SignInAttempts", x => x.Id);
            t.ForeignKey("FK_SignInAttempts_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex("IX_SignInAttempts_UserId_OccurredAt_Id", "SignInAttempts", ["UserId", "OccurredAt", "Id"]);

        migrationBuilder.CreateTable("KnownDevices", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            TokenHash = t.Column<string>(maxLength: 64, nullable: false),
            Device = t.Column<string>(maxLength: 100, nullable: false),
            FirstSeenAt = t.Column<DateTime>(nullable: false),
            LastSeenAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_KnownDevices", x => x.Id);
            t.ForeignKey("FK_KnownDevices_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex("IX_KnownDevices_UserId_TokenHash", "KnownDevices", ["UserId", "TokenHash"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("KnownDevices");
        migrationBuilder.DropTable("SignInAttempts");
        migrationBuilder.DropTable("UserSessions");
        migrationBuilder.DropColumn("RequireTwoFactor", "Organisations");
    }
}
