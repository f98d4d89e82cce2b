using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;

namespace Portal.Benchmarks;

/// <summary>
/// <c>profile</c>: anonymous reads of public profile pages (<c>/u/{username}</c>) per second against a static page of
/// the same app that touches no database, in one run: a small hot set (output-cache hits) and usernames spread over
/// every public profile (mostly misses, so real lookups).
/// </summary>
internal static class ProfileThroughput
{
    private const int MembersPerOrganisation = 100;
    private const int WarmUpRequests = 200;
    private static readonly TimeSpan RampUp = TimeSpan.FromSeconds(1);
    private static readonly Uri Baseline = new("/Account/ForgotPasswordConfirmation", UriKind.Relative);

    public static async Task<int> RunAsync(CommandOptions options, TextWriter output)
    {
        var duration = TimeSpan.FromSeconds(options.Number("seconds", 10, minimum: 1, maximum: 600));
        var concurrency = options.Number("concurrency", 16, minimum: 1, maximum: 256);
        var users = options.Number("users", 100_000, minimum: 10, maximum: 1_000_000);
        var hot = options.Number("hot", 100, minimum: 1, maximum: 100_000);
        options.RejectUnknown();

        var directory = Path.Combine(Path.GetTempPath(), "portal-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var profiles = await SeedAsync(new BenchDatabase(Path.Combine(directory, "portal.db")), users, output);
            var publicPages = profiles.Where(p => p.IsPublic).Select(Page).ToList();
            var hotCount = Math.Min(hot, publicPages.Count);
            var hotPages = Enumerable.Range(0, hotCount).Select(i => publicPages[(int)((long)i * publicPages.Count / hotCount)]).ToList();
            var privatePage = Page(profiles.First(p => !p.IsPublic));

            await using var host = new PortalHost(directory);
            using var load = new PageLoad(host.Start(), concurrency);
            using var hardStop = new CancellationTokenSource((duration * 3) + TimeSpan.FromMinutes(5));
            var baseline = new PageTarget($"GET {Baseline} (baseline)", [new PageRequest(Baseline, await HeadingAsync(load, hardStop.Token))]);
            PageTarget[] targets =
            [
                new($"GET /u/{{username}} warm: {hotPages.Count:N0} hot", hotPages),
                new($"GET /u/{{username}} spread: {publicPages.Count:N0} public", publicPages),
            ];
            var profileAnswer = await WarmUpAsync(load, [baseline, .. targets], hotPages[0], privatePage, hardStop.Token);

            // Shared virtual machines drift from second to second, so the kinds of load alternate, round after round.
            var rounds = Math.Clamp((int)duration.TotalSeconds / 2, 1, 10);
            await output.WriteLineAsync($"Public profile throughput: {Environment.ProcessorCount} cores, concurrency {concurrency}, " +
                $"{duration.TotalSeconds:N0} s per measurement in {rounds} alternating rounds, {profiles.Count:N0} profiles ({publicPages.Count:N0} public)");
            var cpu = new MachineCpu();
            var results = new[] { baseline, targets[0], targets[1] }.Select(t => new PageResult(t, Measurement.None, AppSide.None)).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < results.Length; i++)
                {
                    AppSide.Reset(host);
                    var client = await load.RunAsync(results[i].Target, RampUp, duration / rounds, hardStop.Token);
                    results[i] = results[i] with { Client = results[i].Client.Plus(client), App = results[i].App.Plus(AppSide.Take(host)) };
                }
            }

            await ProfileReport.PrintAsync(output, results[0], results[1..], cpu.Since(), load.LastFailure);
            await output.WriteLineAsync($"a warm profile page's answer: {profileAnswer}");
            return results.Sum(r => r.Client.Failures) == 0 ? 0 : 1;
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

    private static PageRequest Page(SeededProfile profile) => new(new Uri($"/u/{profile.Username}", UriKind.Relative), profile.Name);

    private static async Task<List<SeededProfile>> SeedAsync(BenchDatabase database, int users, TextWriter output)
    {
        var organisations = (users + MembersPerOrganisation - 1) / MembersPerOrganisation;
        var perOrganisation = (users + organisations - 1) / organisations;
        await output.WriteLineAsync($"Seeding {organisations:N0} organisations x {perOrganisation:N0} members, each with a profile");
        await SeedCommand.SeedAsync(database, new SeedPlan(organisations, perOrganisation, 0, SeedCommand.DefaultPassword), output);
        var clock = Stopwatch.StartNew();
        await using var connection = await database.OpenBulkConnectionAsync();
        var profiles = new ProfileSeeder(connection, output).Seed(DateTime.UtcNow);
        await output.WriteLineAsync($"  {profiles.Count,12:N0} profiles                   {clock.Elapsed.TotalSeconds,8:N1} s");
        return profiles;
    }

    /// <summary>The baseline page's heading, read once, so that every later answer can be checked against it.</summary>
    private static async Task<string> HeadingAsync(PageLoad load, CancellationToken cancellationToken)
    {
        var answer = await load.FetchAsync(Baseline, cancellationToken);
        return answer.Status == HttpStatusCode.OK && !string.IsNullOrWhiteSpace(answer.Heading)
            ? answer.Heading
            : throw new InvalidOperationException($"GET {Baseline} gave {(int)answer.Status} without a heading.");
    }

    /// <summary>
    /// Warms JIT and pools with each kind of page, caches the hot set (every page at least twice), checks every answer,
    /// and checks that an anonymous reader cannot tell a private profile from a missing one. Returns what a hot profile
    /// page's answer says about caching: the output cache stores no answer that sets a cookie.
    /// </summary>
    private static async Task<string> WarmUpAsync(PageLoad load, PageTarget[] targets, PageRequest hotPage, PageRequest privatePage, CancellationToken cancellationToken)
    {
        foreach (var target in targets)
        {
            var requests = Math.Max(WarmUpRequests, target.Pages.Count <= 1_000 ? 2 * target.Pages.Count : 0);
            for (var i = 0; i < requests; i++)
            {
                if (!await load.GetAsync(target.Pages[i % target.Pages.Count], cancellationToken))
                {
                    throw new InvalidOperationException($"Warm-up failed: {load.LastFailure}");
                }
            }
        }

        var hidden = await load.FetchAsync(privatePage.Path, cancellationToken);
        if (hidden.Status != HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException($"An anonymous reader got {(int)hidden.Status} for private profile {privatePage.Path}, not 404.");
        }

        var hot = await load.FetchAsync(hotPage.Path, cancellationToken);
        return $"{hot.Body.Length:N0} characters, Cache-Control: {hot.CacheControl ?? "(none)"}, " +
            (hot.Cookies.Count > 0 ? $"sets cookie {string.Join(", ", hot.Cookies)} (so the output cache does not store it)" : "sets no cookie");
    }
}
