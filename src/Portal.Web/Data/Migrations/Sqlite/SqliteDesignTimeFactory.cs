using Microsoft.EntityFrameworkCore.Design;

namespace Portal.Web.Data.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without starting the app; it targets the development file.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args) =>
        (SqlitePortalDbContext)DatabaseMigrations.CreateContext(DatabaseProvider.Sqlite, DatabaseMigrations.StandaloneOptions(DatabaseProvider.Sqlite, DatabaseFiles.DefaultSqlite));
}
