using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>ASP.NET Core Identity's tables, provider-neutral (column types come from each provider's defaults).</summary>
internal static class IdentitySchema
{
    public static void Create(MigrationBuilder mb)
    {
        mb.CreateTable("AspNetRoles", t => new
        {
            Id = t.Column<string>(maxLength: 450, nullable: false),
            Name = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedName = t.Column<string>(maxLength: 256, nullable: true),
            ConcurrencyStamp = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_AspNetRoles", x => x.Id));

        mb.CreateTable("AspNetUsers", t => new
        {
            Id = t.Column<string>(maxLength: 450, nullable: false),
            FirstName = t.Column<string>(maxLength: 100, nullable: false),
            LastName = t.Column<string>(maxLength: 100, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            PromotionalEmailOptIn = t.Column<bool>(nullable: false),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedUserName = t.Column<string>(maxLength: 256, nullable: true),
            Email = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedEmail = t.Column<string>(maxLength: 256, nullable: true),
            EmailConfirmed = t.Column<bool>(nullable: false),
            PasswordHash = t.Column<string>(nullable: true),
            SecurityStamp = t.Column<string>(nullable: true),
            ConcurrencyStamp = t.Column<string>(nullable: true),
            PhoneNumber = t.Column<string>(maxLength: 256, nullable: true),
            PhoneNumberConfirmed = t.Column<bool>(nullable: false),
            TwoFactorEnabled = t.Column<bool>(nullable: false),
            LockoutEnd = t.Column<DateTimeOffset>(nullable: true),
            LockoutEnabled = t.Column<bool>(nullable: false),
            AccessFailedCount = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_AspNetUsers", x => x.Id));

        mb.CreateTable("AspNetRoleClaims", t => new
        {
            Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
            RoleId = t.Column<string>(maxLength: 450, nullable: false),
            ClaimType = t.Column<string>(nullable: true),
            ClaimValue = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
            t.ForeignKey("FK_AspNetRoleClaims_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AspNetUserClaims", t => new
        {
            Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            ClaimType = t.Column<string>(nullable: true),
            ClaimValue = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
            t.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AspNetUserLogins", t => new
        {
            LoginProvider = t.Column<string>(maxLength: 128, nullable: false),
            ProviderKey = t.Column<string>(maxLength: 128, nullable: false),
            ProviderDisplayName = t.Column<string>(nullable: true),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
            t.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AspNetUserPasskeys", t => new
        {
            CredentialId = t.Column<byte[]>(maxLength: 1024, nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            Data = t.Column<string>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserPasskeys", x => x.CredentialId);
            t.ForeignKey("FK_AspNetUserPasskeys_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AspNetUserRoles", t => new
        {
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            RoleId = t.Column<string>(maxLength: 450, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
            t.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AspNetUserTokens", t => new
        {
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            LoginProvider = t.Column<string>(maxLength: 128, nullable: false),
            Name = t.Column<string>(maxLength: 128, nullable: false),
            Value = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
            t.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");
        mb.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true, filter: NotNullOnSqlServer(mb, "NormalizedName"));
        mb.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        mb.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        mb.CreateIndex("IX_AspNetUserPasskeys_UserId", "AspNetUserPasskeys", "UserId");
        mb.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");
        mb.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        mb.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true, filter: NotNullOnSqlServer(mb, "NormalizedUserName"));
    }

    /// <summary>SQL Server treats NULLs as equal in unique indexes, so EF filters them out there (and only there).</summary>
    private static string? NotNullOnSqlServer(MigrationBuilder mb, string column) =>
        mb.ActiveProvider == "Microsoft.EntityFrameworkCore.SqlServer" ? $"[{column}] IS NOT NULL" : null;

    public static void Drop(MigrationBuilder mb)
    {
        foreach (var table in new[] { "AspNetRoleClaims", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserPasskeys", "AspNetUserRoles", "AspNetUserTokens", "AspNetRoles", "AspNetUsers" })
        {
            mb.DropTable(table);
        }
    }
}
