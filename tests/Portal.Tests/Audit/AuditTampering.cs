using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Audit;
using Portal.Web.Data;

namespace Portal.Tests.Audit;

/// <summary>What an attacker with write access to the database file can do: drop the triggers, then change rows at will.</summary>
internal static class AuditTampering
{
    public static async Task AppendAsync(PortalFactory factory, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await scope.ServiceProvider.GetRequiredService<AuditLog>()
                .AppendAsync(db, new AuditRecord("test.changed", SubjectId: $"subject-{i}", ChangedFields: ["FirstName", "LastName"], ActorId: "actor"));
        }
    }

    public static async Task ExecuteAsync(PortalFactory factory, string sql)
    {
        await using var db = factory.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS AuditEvents_NoUpdate; DROP TRIGGER IF EXISTS AuditEvents_NoDelete;");
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>Changes every event's target and recomputes every hash, so the chain alone looks intact.</summary>
    public static async Task RewriteChainAsync(PortalFactory factory, string target)
    {
        await ExecuteAsync(factory, "SELECT 1");
        await using var db = factory.CreateDbContext();
        var previous = AuditHash.Genesis;
        foreach (var e in await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync())
        {
            e.Target = target;
            e.PreviousHash = previous;
            e.Hash = AuditHash.Compute(e);
            previous = e.Hash;
            await db.Database.ExecuteSqlAsync($"UPDATE AuditEvents SET Target = {e.Target}, PreviousHash = {e.PreviousHash}, Hash = {e.Hash} WHERE Sequence = {e.Sequence}");
        }
    }
}
