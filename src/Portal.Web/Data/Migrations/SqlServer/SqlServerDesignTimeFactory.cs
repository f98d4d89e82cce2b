using Microsoft.EntityFrameworkCore.Design;

namespace Portal.Web.Data.Migrations.SqlServer;

/// <summary>
/// Lets <c>dotnet ef</c> build the SQL Server context without starting the app or reaching a server: adding a migration
/// and scripting need none; <c>dotnet ef database update --connection ...</c> names the real database.
/// </summary>
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerPortalDbContext>
{
    public const string PlaceholderConnection = "Server=localhost;Database=Portal;Integrated Security=true;TrustServerCertificate=true";

    public SqlServerPortalDbContext CreateDbContext(string[] args) =>
        (SqlServerPortalDbContext)DatabaseMigrations.CreateContext(DatabaseProvider.SqlServer, DatabaseMigrations.StandaloneOptions(DatabaseProvider.SqlServer, PlaceholderConnection));
}
