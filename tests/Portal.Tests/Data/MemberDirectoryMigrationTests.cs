using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Features.Organisations;

namespace Portal.Tests.Data;

/// <summary>Members who existed before the directory: the migration gives them a status and keys, start-up finishes the keys.</summary>
public sealed class MemberDirectoryMigrationTests : IAsyncLifetime
{
    private const string BeforeDirectory = "20261122020000_AccountSecurity";
    private static readonly Guid Organisation = new("0193a6f0-0000-7000-8000-000000000001");

    private readonly PortalFactory _factory = new() { SeedDemoData = false };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_migration_copies_names_and_emails_from_the_accounts_and_makes_everyone_active()
    {
        await using var db = await DatabaseBeforeTheDirectoryAsync();

        await db.Database.MigrateAsync();

        var members = await MembersAsync(db);
        members["ada"].ShouldBe(("Active", "LOVELACE ADA", "ADA LOVELACE", "ADA@EXAMPLE.TEST"));
        members["chloe"].Status.ShouldBe("Active");
        members["chloe"].NormalizedEmail.ShouldBe("CHLOE@EXAMPLE.TEST");
    }

    [Fact]
    public async Task Start_up_after_the_migration_gives_accented_and_spaced_names_the_apps_own_keys()
    {
        await (await DatabaseBeforeTheDirectoryAsync()).DisposeAsync();

        // The app starts on a database one migration behind, as an upgrade does.
        _ = _factory.Services;

        await using var migrated = MigrationSchemaTests.CreateSqlite(_factory.DatabasePath);
        var members = await MembersAsync(migrated);
        members["chloe"].ShouldBe(("Active", "DUBOIS CHLOE", "CHLOE DUBOIS", "CHLOE@EXAMPLE.TEST"));
        members["chloe"].SortName.ShouldBe(MemberDirectoryKeys.SortName("  Chloé ", "Dubois"));
        members["ada"].ShouldBe(("Active", "LOVELACE ADA", "ADA LOVELACE", "ADA@EXAMPLE.TEST"));
    }

    /// <summary>The test's database file, migrated up to the one before the directory, with two members in it.</summary>
    private async Task<Web.Data.PortalDbContext> DatabaseBeforeTheDirectoryAsync()
    {
        var db = MigrationSchemaTests.CreateSqlite(_factory.DatabasePath);
        await db.GetInfrastructure().GetRequiredService<IMigrator>().MigrateAsync(BeforeDirectory);
        var organisation = Organisation.ToString("D").ToUpperInvariant();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Organisations" ("Id", "Name", "Slug", "IsOperator", "CreatedAt", "RequireTwoFactor") VALUES ({organisation}, 'Old', 'old', 0, '2026-01-01 00:00:00', 0)
            """);
        foreach (var (id, first, last) in new[] { ("ada", "Ada", "Lovelace"), ("chloe", "  Chloé ", "Dubois") })
        {
            var email = $"{id}@example.test";
            var upper = email.ToUpperInvariant();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "AspNetUsers" ("Id", "FirstName", "LastName", "CreatedAt", "PromotionalEmailOptIn", "UserName", "NormalizedUserName", "Email", "NormalizedEmail",
                    "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
                VALUES ({id}, {first}, {last}, '2026-01-01 00:00:00', 0, {email}, {upper}, {email}, {upper}, 1, 0, 0, 1, 0)
                """);
            var member = Guid.CreateVersion7().ToString("D").ToUpperInvariant();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "OrganisationMembers" ("Id", "TenantId", "UserId", "Role", "JoinedAt") VALUES ({member}, {organisation}, {id}, 'Member', '2026-01-01 00:00:00')
                """);
        }

        return db;
    }

    private static async Task<Dictionary<string, (string Status, string SortName, string SearchName, string NormalizedEmail)>> MembersAsync(Web.Data.PortalDbContext db)
    {
        var rows = await db.Database
            .SqlQuery<MemberKeys>($"""SELECT "UserId", "Status", "SortName", "SearchName", "NormalizedEmail" FROM "OrganisationMembers" """)
            .ToListAsync();
        return rows.ToDictionary(r => r.UserId, r => (r.Status, r.SortName, r.SearchName, r.NormalizedEmail));
    }

    private sealed record MemberKeys(string UserId, string Status, string SortName, string SearchName, string NormalizedEmail);
}
