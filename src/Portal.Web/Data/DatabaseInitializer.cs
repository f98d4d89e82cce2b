using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Portal.Web.Data;

internal static class DatabaseInitializer
{
    /// <summary>Applies migrations and, when configured (Development), seeds the demo organisations.</summary>
    public static async Task InitializePortalDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            if (db.Database.IsSqlite())
            {
                // Write-ahead logging lets readers proceed while one writer commits.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
        }

        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.SeedDemoData && !app.Environment.IsProduction())
        {
            await services.GetRequiredService<DemoSeeder>().SeedAsync();
        }
    }
}
