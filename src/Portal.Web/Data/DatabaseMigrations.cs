using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Data.Migrations.Sqlite;
using Portal.Web.Data.Migrations.SqlServer;
using Portal.Web.Tenancy;

namespace Portal.Web.Data;

/// <summary>
/// Applies the migrations of the configured provider. Each set belongs to its own subclass of <see cref="PortalDbContext"/>
/// (EF keeps one set per context type), so migrating goes through that subclass while the app uses the base context.
/// </summary>
internal static class DatabaseMigrations
{
    private static readonly Lazy<ServiceProvider> IdentityServices = new(() => new ServiceCollection()
        .AddOptions()
        .Configure<IdentityOptions>(Account.IdentityServiceCollectionExtensions.ConfigureIdentity)
        .BuildServiceProvider());

    public static PortalDbContext CreateContext(DatabaseProvider provider, DbContextOptions<PortalDbContext> options)
    {
        // Migrating reads and writes no tenant-owned rows: a scope without a tenant makes any attempt throw.
        var noTenant = new TenantContext(new CurrentUser());
        return provider == DatabaseProvider.SqlServer
            ? new SqlServerPortalDbContext(options, noTenant)
            : new SqlitePortalDbContext(options, noTenant);
    }

    /// <summary>Refuses a database made before the baseline (see <see cref="MigrationsFromBeforeTheBaselineAsync"/>), then migrates.</summary>
    public static async Task MigrateAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        var unknown = await MigrationsFromBeforeTheBaselineAsync(db, cancellationToken);
        if (unknown.Count > 0)
        {
            throw new DatabaseBeforeBaselineException(Describe(db), unknown);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// The applied migrations this build does not know, when the database lacks the baseline: it was made by the
    /// hand-written migrations that the baseline replaced, and cannot be brought up to date. Empty otherwise (a new
    /// database, or one this build or a later one made).
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrationsFromBeforeTheBaselineAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var baseline = db.Database.GetMigrations().First();
        return applied.Count == 0 || applied.Contains(baseline, StringComparer.Ordinal)
            ? []
            : applied.Where(id => !known.Contains(id)).ToList();
    }

    /// <summary>
    /// Options built as the app builds them, for use without the web host (<c>dotnet ef</c>, tests, benchmarks). Identity
    /// shapes its tables from the app's IdentityOptions (schema version, key lengths), so the model matches the app's.
    /// </summary>
    public static DbContextOptions<PortalDbContext> StandaloneOptions(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>().UseApplicationServiceProvider(IdentityServices.Value);
        DatabaseServiceCollectionExtensions.Configure(builder, provider, connectionString);
        return builder.Options;
    }

    private static string Describe(PortalDbContext db) =>
        db.Database.IsSqlite() ? $"the SQLite file {db.Database.GetDbConnection().DataSource}" : $"the database {db.Database.GetDbConnection().Database}";
}
