using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;

namespace Portal.Benchmarks;

/// <summary>
/// <c>signin</c>: sign-ins per second through the real sign-in page, against the raw password-hash rate of the same
/// machine. Password hashing is meant to dominate a sign-in; the ratio shows how much the rest of the endpoint costs.
/// </summary>
internal static class SignInThroughput
{
    private const double Target = 0.8;
    private const int MembersPerOrganisation = 100;

    /// <summary>Load runs this long before each counted window, so every window measures a busy machine.</summary>
    private static readonly TimeSpan RampUp = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(CommandOptions options, TextWriter output)
    {
        var duration = TimeSpan.FromSeconds(options.Number("seconds", 10, minimum: 1, maximum: 600));
        var concurrency = options.Number("concurrency", 8, minimum: 1, maximum: 256);
        var users = options.Number("users", 300, minimum: 1, maximum: 100_000);
        var newDevices = options.Flag("new-devices");
        options.RejectUnknown();

        var directory = Path.Combine(Path.GetTempPath(), "portal-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var database = new BenchDatabase(Path.Combine(directory, "portal.db"));
            var organisations = (users + MembersPerOrganisation - 1) / MembersPerOrganisation;
            var perOrganisation = (users + organisations - 1) / organisations;
            var first = await SeedCommand.SeedAsync(database, new SeedPlan(organisations, perOrganisation, 0, SeedCommand.DefaultPassword), TextWriter.Null);
            // The seeder makes one member in twenty invited, restricted or closed; the portal rightly refuses them, so only
            // active members sign in here (the refusals were the "failed sign-ins" of earlier runs).
            var emails = Enumerable.Range(first, organisations)
                .SelectMany(o => Enumerable.Range(0, perOrganisation).Where(m => MemberSeeder.StatusOf(m) == MemberStatus.Active).Select(m => MemberSeeder.Email(o, m)))
                .ToList();
            string passwordHash;
            await using (var db = database.CreateDbContext())
            {
                passwordHash = await db.Users.Select(u => u.PasswordHash!).FirstAsync();
            }

            // Shared virtual machines drift from second to second, so the two rates are measured in alternating rounds.
            var rounds = Math.Clamp((int)duration.TotalSeconds / 2, 1, 10);
            await output.WriteLineAsync($"Sign-in throughput: {Environment.ProcessorCount} cores, concurrency {concurrency}, " +
                $"{duration.TotalSeconds:N0} s per measurement in {rounds} alternating rounds, {emails.Count:N0} members, " +
                (newDevices ? "every sign-in from a new browser (alert email each time)" : "returning browsers"));

            await using var host = new PortalHost(directory);
            var address = host.Start();
            using var load = new LoginLoad(address, emails, SeedCommand.DefaultPassword, concurrency, newDevices);
            using var hardStop = new CancellationTokenSource((duration * 2) + TimeSpan.FromMinutes(5));
            await load.WarmUpAsync(hardStop.Token);
            var hasher = host.Services.GetRequiredService<IPasswordHasher<PortalUser>>();

            var hash = Measurement.None;
            var endpoint = Measurement.None;
            var lockWaits = Measurement.None;
            for (var round = 0; round < rounds; round++)
            {
                hash = hash.Plus(HashRate.Measure(hasher, passwordHash, SeedCommand.DefaultPassword, concurrency, RampUp, duration / rounds));
                host.TransactionStarts.Take();
                endpoint = endpoint.Plus(await load.RunAsync(RampUp, duration / rounds, hardStop.Token));
                lockWaits = lockWaits.Plus(host.TransactionStarts.Take());
            }

            await PrintAsync(output, hash, endpoint, lockWaits, load.LastFailure);
            if (endpoint.Failures > 0)
            {
                await PrintRecordedFailuresAsync(database, output);
            }

            return endpoint.Failures == 0 ? 0 : 1;
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

    /// <summary>What the app recorded in the sign-in history for the attempts that did not succeed.</summary>
    private static async Task PrintRecordedFailuresAsync(BenchDatabase database, TextWriter output)
    {
        await using var db = database.CreateDbContext();
        var failures = await db.SignInAttempts.Where(a => a.Outcome != Portal.Web.Features.Security.SignInOutcome.Succeeded)
            .GroupBy(a => a.Outcome).Select(g => new { Outcome = g.Key, Count = g.Count() }).ToListAsync();
        foreach (var failure in failures)
        {
            await output.WriteLineAsync($"{"  recorded as " + failure.Outcome,-44} {failure.Count,8:N0}");
        }
    }

    private static async Task PrintAsync(TextWriter output, Measurement hash, Measurement endpoint, Measurement lockWaits, string? failure)
    {
        var ratio = endpoint.PerSecond / hash.PerSecond;
        await output.WriteLineAsync();
        await output.WriteLineAsync($"{"measurement",-44} {"count",8} {"seconds",8} {"per second",11} {"cpu",5} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8}");
        await output.WriteLineAsync($"{"PasswordHasher.VerifyHashedPassword (raw)",-44} {hash.Count,8:N0} {hash.Elapsed.TotalSeconds,8:N2} {hash.PerSecond,11:N1} {hash.CpuUse,5:P0}");
        await output.WriteLineAsync($"{"POST /Account/Login -> 302 + auth cookie",-44} {endpoint.Count,8:N0} {endpoint.Elapsed.TotalSeconds,8:N2} {endpoint.PerSecond,11:N1} {endpoint.CpuUse,5:P0} " +
            $"{endpoint.Percentile(0.50),8:N1} {endpoint.Percentile(0.95),8:N1} {endpoint.Percentile(0.99),8:N1}");
        await output.WriteLineAsync($"{"  app waiting to begin a transaction (sum)",-44} {lockWaits.Count,8:N0} {lockWaits.Elapsed.TotalSeconds,8:N2} {"",11} {"",5} " +
            $"{lockWaits.Percentile(0.50),8:N1} {lockWaits.Percentile(0.95),8:N1} {lockWaits.Percentile(0.99),8:N1}");
        await output.WriteLineAsync($"{"failed sign-ins",-44} {endpoint.Failures,8:N0}");
        await output.WriteLineAsync($"{"ratio endpoint / raw hash",-44} {ratio,8:N2}  (target >= {Target:N2}: {(ratio >= Target ? "met" : "NOT met")})");
        if (failure is not null)
        {
            await output.WriteLineAsync($"last failure: {failure}");
        }
    }
}
