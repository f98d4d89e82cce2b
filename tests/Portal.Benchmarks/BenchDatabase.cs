using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Benchmarks;

/// <summary>The app's own context and migrations over a SQLite file, without the web host.</summary>
internal sealed class BenchDatabase(string path) : IDbContextFactory<PortalDbContext>
{
    private readonly DbContextOptions<PortalDbContext> _options = CreateOptions(path);

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public PortalDbContext CreateDbContext() => CreateDbContext(tenant: null);

    /// <summary>A context acting for one organisation (or none, where only tenant-free tables are read).</summary>
    public PortalDbContext CreateDbContext(Guid? tenant)
    {
        var context = new TenantContext(new CurrentUser());
        if (tenant is { } id)
        {
            _ = context.Enter(id);
        }

        return new PortalDbContext(_options, context);
    }

    public async Task MigrateAsync()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var db = DatabaseMigrations.CreateContext(DatabaseProvider.Sqlite, _options);
        await DatabaseMigrations.MigrateAsync(db);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }

    /// <summary>
    /// A raw connection for bulk inserts. It skips fsync (<c>synchronous=OFF</c>): a machine crash mid-seed can leave a
    /// damaged file, which is only a seed to make again; the app's own connections keep their safe defaults.
    /// </summary>
    public async Task<SqliteConnection> OpenBulkConnectionAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;";
        await pragmas.ExecuteNonQueryAsync();
        return connection;
    }

    private static DbContextOptions<PortalDbContext> CreateOptions(string path) => DatabaseMigrations.StandaloneOptions(
        DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = System.IO.Path.GetFullPath(path) }.ToString());
}
