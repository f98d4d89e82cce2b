using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Web.Features.Organisations;
using Portal.Web.Tenancy;

namespace Portal.Web.Data;

internal static class DatabaseInitializer
{
    /// <summary>Applies migrations and, when configured and only in Development, seeds the demo organisations.</summary>
    public static async Task InitializePortalDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        bool keysToRefresh;
        await using (var db = await factory.CreateDbContextAsync())
        {
            keysToRefresh = (await db.Database.GetPendingMigrationsAsync()).Contains(Migrations.MemberDirectory.Id, StringComparer.Ordinal);
            await db.Database.MigrateAsync();
            if (db.Database.IsSqlite())
            {
                // Write-ahead logging lets readers proceed while one writer commits.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
        }

        if (keysToRefresh)
        {
            await RefreshMemberDirectoryKeysAsync(factory, services.GetRequiredService<TenantContext>());
        }

        // Demo accounts share one published password: any environment but Development (staging too) never gets them.
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.SeedDemoData && app.Environment.IsDevelopment())
        {
            await services.GetRequiredService<DemoSeeder>().SeedAsync();
        }
    }

    /// <summary>
    /// The migration copied names with SQL, which cannot fold accents as the app does; redo each organisation's keys
    /// once, in the app's own way, so that sorting and searching treat old and new rows alike.
    /// </summary>
    private static async Task RefreshMemberDirectoryKeysAsync(IDbContextFactory<PortalDbContext> factory, TenantContext tenant)
    {
        List<Guid> organisations;
        await using (var db = await factory.CreateDbContextAsync())
        {
            organisations = await db.Organisations.Select(o => o.Id).ToListAsync();
        }

        foreach (var organisation in organisations)
        {
            using var entered = tenant.Enter(organisation);
            await using var db = await factory.CreateDbContextAsync();
            await MemberDirectoryKeys.RefreshAsync(db);
        }
    }
}
