using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Data.Migrations;

/// <summary>Portal's own tables in the initial migration, provider-neutral.</summary>
internal static class PortalSchema
{
    public static void Create(MigrationBuilder mb)
    {
        mb.CreateTable("Organisations", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            Slug = t.Column<string>(maxLength: 100, nullable: false),
            IsOperator = t.Column<bool>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Organisations", x => x.Id));
        mb.CreateIndex("IX_Organisations_Slug", "Organisations", "Slug", unique: true);

        mb.CreateTable("OrganisationMembers", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            TenantId = t.Column<Guid>(nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            Role = t.Column<string>(maxLength: 20, nullable: false),
            JoinedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_OrganisationMembers", x => x.Id);
            t.ForeignKey("FK_OrganisationMembers_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_OrganisationMembers_Organisations_TenantId", x => x.TenantId, "Organisations", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_OrganisationMembers_TenantId", "OrganisationMembers", "TenantId");
        mb.CreateIndex("IX_OrganisationMembers_UserId", "OrganisationMembers", "UserId", unique: true);

        mb.CreateTable("LegalDocuments", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            Version = t.Column<int>(nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            PublishedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_LegalDocuments", x => x.Id));
        mb.CreateIndex("IX_LegalDocuments_Kind_Version", "LegalDocuments", ["Kind", "Version"], unique: true);

        mb.CreateTable("PolicyAcceptances", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            Version = t.Column<int>(nullable: false),
            AcceptedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_PolicyAcceptances", x => x.Id);
            t.ForeignKey("FK_PolicyAcceptances_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_PolicyAcceptances_UserId_Kind_Version", "PolicyAcceptances", ["UserId", "Kind", "Version"], unique: true);

        mb.CreateTable("AuditEvents", t => new
        {
            Sequence = t.Column<long>(nullable: false),
            OccurredAt = t.Column<DateTime>(nullable: false),
            OrganisationId = t.Column<Guid>(nullable: true),
            ActorId = t.Column<string>(maxLength: 450, nullable: true),
            ImpersonatorId = t.Column<string>(maxLength: 450, nullable: true),
            SubjectId = t.Column<string>(maxLength: 450, nullable: true),
            Action = t.Column<string>(maxLength: 100, nullable: false),
            Target = t.Column<string>(maxLength: 400, nullable: true),
            IpAddress = t.Column<string>(maxLength: 64, nullable: true),
            UserAgent = t.Column<string>(maxLength: 512, nullable: true),
            CorrelationId = t.Column<string>(maxLength: 100, nullable: true),
            ChangedFields = t.Column<string>(maxLength: 1000, nullable: true),
            PreviousHash = t.Column<string>(maxLength: 64, nullable: false),
            Hash = t.Column<string>(maxLength: 64, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_AuditEvents", x => x.Sequence));
        mb.CreateIndex("IX_AuditEvents_OrganisationId_Sequence", "AuditEvents", ["OrganisationId", "Sequence"]);
        mb.CreateIndex("IX_AuditEvents_SubjectId_Sequence", "AuditEvents", ["SubjectId", "Sequence"]);

        mb.CreateTable("OutboxMessages", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            To = t.Column<string>(maxLength: 256, nullable: false),
            Subject = t.Column<string>(maxLength: 400, nullable: false),
            HtmlBody = t.Column<string>(nullable: false),
            TextBody = t.Column<string>(nullable: false),
            Headers = t.Column<string>(nullable: true),
            Category = t.Column<string>(maxLength: 40, nullable: false),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            Attempts = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            NextAttemptAt = t.Column<DateTime>(nullable: false),
            LeaseOwner = t.Column<string>(maxLength: 100, nullable: true),
            LeaseExpiresAt = t.Column<DateTime>(nullable: true),
            SentAt = t.Column<DateTime>(nullable: true),
            LastError = t.Column<string>(maxLength: 2000, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_OutboxMessages", x => x.Id));
        mb.CreateIndex("IX_OutboxMessages_Status_NextAttemptAt", "OutboxMessages", ["Status", "NextAttemptAt"]);
        mb.CreateIndex("IX_OutboxMessages_Status_CreatedAt_Id", "OutboxMessages", ["Status", "CreatedAt", "Id"]);

        mb.CreateTable("DataProtectionKeys", t => new
        {
            Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
            FriendlyName = t.Column<string>(nullable: true),
            Xml = t.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_DataProtectionKeys", x => x.Id));
    }

    public static void SeedLegalDocuments(MigrationBuilder mb)
    {
        string[] columns = ["Id", "Kind", "Version", "Title", "PublishedAt"];
        string[] columnTypes = ["uniqueidentifier", "nvarchar(20)", "int", "nvarchar(200)", "datetime2"];
        if (mb.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            columnTypes = ["TEXT", "TEXT", "INTEGER", "TEXT", "TEXT"];
        }

        var published = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        mb.InsertData("LegalDocuments", columns, columnTypes, new object[,]
        {
            { new Guid("5a0d2c1e-0b7a-4d7e-9f3e-6b1f3f1d0001"), "Terms", 1, "Terms of Service", published },
            { new Guid("5a0d2c1e-0b7a-4d7e-9f3e-6b1f3f1d0002"), "Privacy", 1, "Privacy Policy", published },
        });
    }

    public static void Drop(MigrationBuilder mb)
    {
        foreach (var table in new[] { "DataProtectionKeys", "OutboxMessages", "AuditEvents", "PolicyAcceptances", "LegalDocuments", "OrganisationMembers", "Organisations" })
        {
            mb.DropTable(table);
        }
    }
}
