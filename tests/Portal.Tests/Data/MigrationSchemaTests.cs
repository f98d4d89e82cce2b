using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Identity;
using Portal.Tests.Infrastructure;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Tests.Data;

public sealed class MigrationSchemaTests
{
    [Fact]
    public async Task Sqlite_schema_from_migrations_equals_the_model()
    {
        var directory = Directory.CreateTempSubdirectory("portal-schema");
        try
        {
            await using var migrated = CreateSqlite(Path.Combine(directory.FullName, "migrated.db"));
            await migrated.Database.MigrateAsync();
            await using var created = CreateSqlite(Path.Combine(directory.FullName, "created.db"));
            await created.Database.EnsureCreatedAsync();

            var fromModel = await SchemaFacts.ReadSqliteAsync(created);
            var fromMigrations = await SchemaFacts.ReadSqliteAsync(migrated);

            fromModel.Count.ShouldBeGreaterThan(50);
            fromMigrations.SetEquals(fromModel).ShouldBeTrue(SchemaFacts.Explain(fromModel, fromMigrations));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Sql_server_script_from_migrations_declares_what_the_model_declares()
    {
        using var db = Create(options => DatabaseServiceCollectionExtensions.Configure(options, DatabaseProvider.SqlServer, "Server=offline;Database=Portal;Trusted_Connection=True"));
        var fromModel = SqlServerScriptFacts.Read(db.Database.GenerateCreateScript());
        var fromMigrations = SqlServerScriptFacts.Read(db.GetInfrastructure().GetRequiredService<IMigrator>().GenerateScript());

        fromModel.Count.ShouldBeGreaterThan(50);
        fromMigrations.SetEquals(fromModel).ShouldBeTrue(SchemaFacts.Explain(fromModel, fromMigrations));
    }

    [Fact]
    public async Task Migrations_seed_version_1_of_the_terms_and_privacy_policy()
    {
        await using var factory = new PortalFactory { SeedDemoData = false };
        await using var db = factory.CreateDbContext();

        var documents = await db.LegalDocuments.OrderBy(d => d.Kind).Select(d => $"{d.Kind} v{d.Version}").ToListAsync();

        documents.ShouldBe(["Terms v1", "Privacy v1"], ignoreOrder: true);
    }

    internal static PortalDbContext CreateSqlite(string path) =>
        Create(options => DatabaseServiceCollectionExtensions.Configure(options, DatabaseProvider.Sqlite, $"Data Source={path}"));

    private static PortalDbContext Create(Action<DbContextOptionsBuilder> configure)
    {
        // Identity shapes its tables from IdentityOptions (schema version, key lengths): use the app's.
        var services = new ServiceCollection().AddOptions().Configure<IdentityOptions>(Portal.Web.Account.IdentityServiceCollectionExtensions.ConfigureIdentity).BuildServiceProvider();
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseApplicationServiceProvider(services);
        configure(options);
        return new PortalDbContext(options.Options, new TenantContext(new CurrentUser()));
    }
}
