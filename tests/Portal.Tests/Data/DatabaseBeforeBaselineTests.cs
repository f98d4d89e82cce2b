using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Tests.Infrastructure;
using Portal.Web.Data;

namespace Portal.Tests.Data;

/// <summary>Development databases made by the hand-written migrations that the baseline replaced.</summary>
public sealed class DatabaseBeforeBaselineTests : IDisposable
{
    /// <summary>What <c>__EFMigrationsHistory</c> of such a database holds.</summary>
    private static readonly string[] HandWritten =
    [
        "20261122000000_Initial", "20261122010000_Profiles", "20261122020000_AccountSecurity", "20261122030000_MemberDirectory",
        "20261122040000_OrganisationPolicies", "20261201000000_Invitations", "20261201010000_OrganisationDomains",
        "20261201020000_PlatformSearch", "20261201030000_DisclosureRequests", "20261201040000_Impersonation",
        "20261201050000_NotificationPreferences", "20261201060000_EmailOpens", "20261201070000_Announcements",
        "20261201080000_Digests", "20261201090000_Partners", "20261204000000_AuditAppendOnly", "20261204000000_OrganisationSending",
    ];

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("portal-baseline");

    private string DatabasePath => Path.Combine(_directory.FullName, "portal.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task A_database_made_by_the_hand_written_migrations_is_refused_and_left_as_it_was()
    {
        await MakeHandWrittenDatabaseAsync(DatabasePath);
        await using var db = SqliteMigrationContext(DatabasePath);

        (await DatabaseMigrations.MigrationsFromBeforeTheBaselineAsync(db)).ShouldBe(HandWritten);
        var refused = await Should.ThrowAsync<DatabaseBeforeBaselineException>(() => DatabaseMigrations.MigrateAsync(db));

        refused.Message.ShouldContain(DatabasePath);
        refused.Message.ShouldContain("App_Data");
        (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(HandWritten);
        (await TablesAsync(db)).ShouldBe(["Organisations", "__EFMigrationsHistory"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_new_database_and_one_the_baseline_made_are_not_refused()
    {
        await using var db = SqliteMigrationContext(DatabasePath);

        (await DatabaseMigrations.MigrationsFromBeforeTheBaselineAsync(db)).ShouldBeEmpty();
        await DatabaseMigrations.MigrateAsync(db);
        (await DatabaseMigrations.MigrationsFromBeforeTheBaselineAsync(db)).ShouldBeEmpty();
        await DatabaseMigrations.MigrateAsync(db);

        (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(db.Database.GetMigrations());
    }

    [Fact]
    public async Task The_app_does_not_start_on_a_database_made_by_the_hand_written_migrations()
    {
        await using var factory = new PortalFactory { SeedDemoData = false };
        await MakeHandWrittenDatabaseAsync(factory.DatabasePath);

        var refused = Should.Throw<DatabaseBeforeBaselineException>(() => factory.Services);

        refused.Migrations.ShouldBe(HandWritten);
    }

    internal static PortalDbContext SqliteMigrationContext(string path) =>
        DatabaseMigrations.CreateContext(DatabaseProvider.Sqlite, DatabaseMigrations.StandaloneOptions(DatabaseProvider.Sqlite, $"Data Source={path}"));

    /// <summary>The history as the hand-written migrations left it, and one of their tables.</summary>
    private static async Task MakeHandWrittenDatabaseAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE "__EFMigrationsHistory" ("MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY, "ProductVersion" TEXT NOT NULL);
            CREATE TABLE "Organisations" ("Id" TEXT NOT NULL CONSTRAINT "PK_Organisations" PRIMARY KEY, "Name" TEXT NOT NULL);
            """ + string.Concat(HandWritten.Select(id => $"INSERT INTO \"__EFMigrationsHistory\" VALUES ('{id}', '10.0.14');"));
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> TablesAsync(PortalDbContext db) =>
        await db.Database.SqlQuery<string>($"""SELECT "name" AS "Value" FROM sqlite_master WHERE "type" = 'table'""").ToListAsync();
}
