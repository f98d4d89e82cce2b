using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Portal.Web.Data;

internal static class DatabaseInitializer
{
    /// <summary>Applies the configured provider's migrations and, when configured and only in Development, seeds the demo organisations.</summary>
    public static async Task InitializePortalDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await using (var db = DatabaseMigrations.CreateContext(options.Provider, services.GetRequiredService<DbContextOptions<PortalDbContext>>()))
        {
            try
            {
                await DatabaseMigrations.MigrateAsync(db);
            }
            catch (DatabaseBeforeBaselineException refused)
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer)).LogCritical("{Message}", refused.Message);
                throw;
            }

            if (db.Database.IsSqlite())
            {
                // Write-ahead logging lets readers proceed while one writer commits.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
        }

        // Demo accounts share one published password: any environment but Development (staging too) never gets them.
        if (options.SeedDemoData && app.Environment.IsDevelopment())
        {
            await services.GetRequiredService<DemoSeeder>().SeedAsync();
            if (options.SeedDemoCrowd)
            {
                await services.GetRequiredService<DemoCrowd>().SeedAsync();
            }
        }
    }
}
