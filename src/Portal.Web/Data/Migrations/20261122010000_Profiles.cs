using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>People's profiles (contact details, preferences, the public page's visibility) and profile photos.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122010000_Profiles")]
public sealed class Profiles : Migration
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder) => modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable("Profiles", t => new
        {
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            Username = t.Column<string>(maxLength: 30, nullable: true),
            NormalizedUsername = t.Column<string>(maxLength: 30, nullable: true),
            DisplayName = t.Column<string>(maxLength: 100, nullable: true),
            Phone = t.Column<string>(maxLength: 16, nullable: true),
            AddressLine1 = t.Column<string>(maxLength: 200, nullable: true),
            AddressLine2 = t.Column<string>(maxLength: 200, nullable: true),
            PostalCode = t.Column<string>(maxLength: 20, nullable: true),
            City = t.Column<string>(maxLength: 100, nullable: true),
            Country = t.Column<string>(maxLength: 2, nullable: true),
            JobTitle = t.Column<string>(maxLength: 100, nullable: true),
            Company = t.Column<string>(maxLength: 100, nullable: true),
            Bio = t.Column<string>(maxLength: 500, nullable: true),
            Language = t.Column<string>(maxLength: 10, nullable: true),
            TimeZone = t.Column<string>(maxLength: 64, nullable: true),
            PreferredContact = t.Column<string>(maxLength: 10, nullable: false),
            Visibility = t.Column<string>(maxLength: 20, nullable: false),
            AllowSearchIndexing = t.Column<bool>(nullable: false),
            ShowJobTitle = t.Column<bool>(nullable: false),
            ShowCompany = t.Column<bool>(nullable: false),
            ShowBio = t.Column<bool>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Profiles", x => x.UserId);
            t.ForeignKey("FK_Profiles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable("ProfilePhotos", t => new
        {
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            ContentType = t.Column<string>(maxLength: 20, nullable: false),
            Content = t.Column<byte[]>(nullable: false),
            Width = t.Column<int>(nullable: false),
            Height = t.Column<int>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            Version = t.Column<string>(maxLength: 16, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ProfilePhotos", x => x.UserId);
            t.ForeignKey("FK_ProfilePhotos_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        // SQL Server treats NULLs as equal in unique indexes, so EF filters them out there (and only there).
        var sqlServer = migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.SqlServer";
        migrationBuilder.CreateIndex("IX_Profiles_NormalizedUsername", "Profiles", "NormalizedUsername", unique: true,
            filter: sqlServer ? "[NormalizedUsername] IS NOT NULL" : null);
        migrationBuilder.CreateIndex("IX_Profiles_Visibility_AllowSearchIndexing_NormalizedUsername", "Profiles",
            ["Visibility", "AllowSearchIndexing", "NormalizedUsername"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ProfilePhotos");
        migrationBuilder.DropTable("Profiles");
    }
}
