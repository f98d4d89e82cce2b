using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Portal.Tests.Infrastructure;
using Portal.Web.Data;
using Portal.Web.Data.Migrations.Sqlite;
using Portal.Web.Data.Migrations.SqlServer;

namespace Portal.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_model_has_no_changes_that_lack_a_migration()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        db.Database.HasPendingModelChanges().ShouldBeFalse(
            "The model differs from the SQLite snapshot: add a migration (README, \"Changing the schema\").");
    }

    [Fact]
    public void Sql_server_model_has_no_changes_that_lack_a_migration()
    {
        // Offline: the model is compared with the snapshot, no server is reached.
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        db.Database.HasPendingModelChanges().ShouldBeFalse(
            "The model differs from the SQL Server snapshot: add a migration (README, \"Changing the schema\").");
    }

    [Fact]
    public void Sql_server_idempotent_script_parses_guards_every_statement_and_creates_every_table()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var parsed = (TSqlScript)new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var errors);

        errors.Select(e => $"line {e.Line}: {e.Message}").ShouldBeEmpty();
        var unguarded = parsed.Batches.SelectMany(b => b.Statements)
            .Where(s => s is not (IfStatement or BeginTransactionStatement or CommitTransactionStatement))
            .Select(s => script.Substring(s.StartOffset, Math.Min(s.FragmentLength, 120)));
        unguarded.ShouldBeEmpty("Every statement of an idempotent script runs only when its migration has not.");
        foreach (var migration in db.Database.GetMigrations())
        {
            script.ShouldContain($"WHERE [MigrationId] = N'{migration}'");
        }

        var created = new CreatedTables();
        parsed.Accept(created);
        var tables = db.Model.GetRelationalModel().Tables.Select(t => t.Name).Append("__EFMigrationsHistory");
        created.Names.ShouldBe(tables, ignoreOrder: true);
    }

    [Fact]
    public async Task Sqlite_baseline_makes_audit_events_append_only_in_the_database_itself()
    {
        var directory = Directory.CreateTempSubdirectory("portal-migrations");
        try
        {
            await using var db = DatabaseBeforeBaselineTests.SqliteMigrationContext(Path.Combine(directory.FullName, "portal.db"));
            await db.Database.MigrateAsync();

            var triggers = await db.Database
                .SqlQuery<string>($"""SELECT "name" AS "Value" FROM sqlite_master WHERE "type" = 'trigger' AND "tbl_name" = 'AuditEvents'""")
                .ToListAsync();

            triggers.ShouldBe(["AuditEvents_NoDelete", "AuditEvents_NoUpdate"], ignoreOrder: true);
            (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Migrations_seed_version_1_of_the_terms_and_privacy_policy()
    {
        await using var factory = new PortalFactory { SeedDemoData = false };
        await using var db = factory.CreateDbContext();

        var documents = await db.LegalDocuments.OrderBy(d => d.Kind).Select(d => $"{d.Kind} v{d.Version}").ToListAsync();

        documents.ShouldBe(["Terms v1", "Privacy v1"], ignoreOrder: true);
    }

    private sealed class CreatedTables : TSqlFragmentVisitor
    {
        public List<string> Names { get; } = [];

        public override void Visit(CreateTableStatement node) => Names.Add(node.SchemaObjectName.BaseIdentifier.Value);
    }
}
