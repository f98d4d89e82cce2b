using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Audit;
using Portal.Web.Features.Privacy;

namespace Portal.Benchmarks;

/// <summary>
/// <c>purge</c>: how long the app's closure job takes to delete many closed accounts whose grace period has ended, on
/// SQLite, from the first batch it takes to the last: one job run, as its timer would make it.
/// </summary>
internal static class PurgeTime
{
    private const double TargetSeconds = 60;

    public static async Task<int> RunAsync(CommandOptions options, TextWriter output)
    {
        var accounts = options.Number("accounts", 10_000, minimum: 1, maximum: 1_000_000);
        var organisations = options.Number("organisations", 10, minimum: 1, maximum: 10_000);
        var audit = options.Number("audit", 100_000, minimum: 0, maximum: 10_000_000);
        options.RejectUnknown();

        var directory = Path.Combine(Path.GetTempPath(), "portal-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var database = new BenchDatabase(Path.Combine(directory, "portal.db"));
            await output.WriteLineAsync($"Seeding {accounts:N0} members in {organisations:N0} organisations, {audit:N0} audit events");
            await SeedCommand.SeedAsync(database, new SeedPlan(organisations, accounts / organisations, audit, SeedCommand.DefaultPassword), output);
            var closed = await CloseEveryoneAsync(database);
            var rowsBefore = await CountAsync(database);

            await using var host = new PortalHost(directory, new Dictionary<string, string> { [ClosureJob.RunSetting] = "false" });
            host.Start();
            var job = host.Services.GetRequiredService<ClosureJob>();
            var clock = Stopwatch.StartNew();
            var batches = 0;
            var deleted = 0;
            while (await job.RunOnceAsync() is var covered and > 0)
            {
                deleted += covered;
                batches++;
            }

            var seconds = clock.Elapsed.TotalSeconds;
            var rowsAfter = await CountAsync(database);
            await using var db = database.CreateDbContext();
            var events = await db.AuditEvents.CountAsync(e => e.Action == AuditActions.AccountDeleted);
            await output.WriteLineAsync();
            await output.WriteLineAsync($"Purge: {Environment.ProcessorCount} cores, SQLite, {closed:N0} closed accounts past their grace period, {batches} batches of at most {ClosureJob.Batch}");
            await output.WriteLineAsync($"  deleted {deleted:N0} accounts ({rowsBefore.Users - rowsAfter.Users:N0} users, {rowsBefore.Members - rowsAfter.Members:N0} memberships, "
                + $"{rowsBefore.Acceptances - rowsAfter.Acceptances:N0} consents), {events:N0} audit events written, {rowsAfter.Tombstones:N0} tombstones");
            await output.WriteLineAsync($"  seconds: {seconds:N1} ({deleted / seconds:N0} accounts/s)   target < {TargetSeconds:N0}");
            var passed = seconds < TargetSeconds && deleted == closed && rowsAfter.Users == rowsBefore.Users - closed;
            await output.WriteLineAsync(passed ? "  PASS" : "  FAIL");
            return passed ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private sealed record Rows(int Users, int Members, int Acceptances, int Tombstones);

    private static async Task<Rows> CountAsync(BenchDatabase database)
    {
        await using var db = database.CreateDbContext();
        return new Rows(await db.Users.CountAsync(), await db.OrganisationMembers.IgnoreQueryFilters().CountAsync(),
            await db.PolicyAcceptances.CountAsync(), await db.DeletedAccounts.CountAsync());
    }

    /// <summary>Every seeded member closed 31 days ago, as the close page leaves them; the grace period ended yesterday.</summary>
    private static async Task<int> CloseEveryoneAsync(BenchDatabase database)
    {
        List<(Guid TenantId, string UserId)> members;
        await using (var all = database.CreateDbContext())
        {
            members = [.. (await all.OrganisationMembers.IgnoreQueryFilters().Select(m => new { m.TenantId, m.UserId }).ToListAsync()).Select(m => (m.TenantId, m.UserId))];
            await all.OrganisationMembers.IgnoreQueryFilters().ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, Portal.Web.Features.Organisations.MemberStatus.Closed));
        }

        var closedAt = DateTime.UtcNow.AddDays(-31);
        foreach (var organisation in members.GroupBy(m => m.TenantId))
        {
            await using var db = database.CreateDbContext(organisation.Key);
            db.AccountClosures.AddRange(organisation.Select(m => new AccountClosure
            {
                Id = Guid.CreateVersion7(), UserId = m.UserId, Status = ClosureStatus.Closing,
                RequestedAt = closedAt, ClosedAt = closedAt, DeleteAfter = closedAt.AddDays(30),
            }));
            await db.SaveChangesAsync();
        }

        return members.Count;
    }
}
