using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;
using Portal.Web.Tenancy;

namespace Portal.Benchmarks;

/// <summary>
/// <c>members</c>: latency of the members directory over one organisation of 100,000 members, through the app's own
/// <see cref="MemberDirectory"/> as its owner: the first page, a deep page by keyset and the same page by offset (to
/// compare), searches and the capped count.
/// </summary>
internal static class MemberDirectoryLatency
{
    private const double TargetP95Ms = 100;
    private const int WarmUpCalls = 20;

    public static async Task<int> RunAsync(CommandOptions options, TextWriter output)
    {
        var members = options.Number("members", 100_000, minimum: 1_000, maximum: 1_000_000);
        var duration = TimeSpan.FromSeconds(options.Number("seconds", 10, minimum: 1, maximum: 600));
        options.RejectUnknown();

        var directory = Path.Combine(Path.GetTempPath(), "portal-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var database = new BenchDatabase(Path.Combine(directory, "portal.db"));
            await output.WriteLineAsync($"Seeding one organisation of {members:N0} members");
            var organisation = await SeedCommand.SeedAsync(database, new SeedPlan(1, members, 0, SeedCommand.DefaultPassword), output);

            await using var host = new PortalHost(directory);
            host.Start();
            await using var scope = await ActingAsOwnerAsync(host, MemberSeeder.Email(organisation, 0));
            var service = scope.ServiceProvider.GetRequiredService<MemberDirectory>();
            var scenarios = await ScenariosAsync(service, organisation, members);

            foreach (var scenario in scenarios)
            {
                for (var i = 0; i < WarmUpCalls; i++)
                {
                    await scenario.Run(i);
                }
            }

            // Shared virtual machines drift from second to second, so the scenarios alternate, round after round.
            var rounds = Math.Clamp((int)duration.TotalSeconds / 2, 1, 10);
            await output.WriteLineAsync();
            await output.WriteLineAsync($"Members directory latency: {Environment.ProcessorCount} cores, one caller, {duration.TotalSeconds:N0} s per measurement " +
                $"in {rounds} alternating rounds, {members:N0} members in one organisation, pages of {MemberDirectory.PageSize}");
            var results = scenarios.Select(_ => Measurement.None).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < scenarios.Count; i++)
                {
                    results[i] = results[i].Plus(await MeasureAsync(scenarios[i], duration / rounds));
                }
            }

            await PrintAsync(output, scenarios, results);
            return scenarios.Zip(results).All(s => !s.First.Targeted || s.Second.Percentile(0.95) < TargetP95Ms) ? 0 : 1;
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

    /// <summary>One thing the directory is asked, again and again; <see cref="Run"/> gets the call's number, to vary its question.</summary>
    private sealed record Scenario(string Label, bool Targeted, Func<int, Task> Run);

    /// <summary>
    /// The questions, each checked once against what the seed says it must answer, so that a fast wrong answer cannot
    /// pass for a fast right one.
    /// </summary>
    private static async Task<List<Scenario>> ScenariosAsync(MemberDirectory directory, int organisation, int members)
    {
        var deep = members * 9 / 10;
        var cursor = (await directory.PageByOffsetForBenchmarkAsync(new MemberQuery(), deep - 1, 1)).Single().Cursor;
        var byKeyset = await directory.PageAsync(new MemberQuery(), cursor);
        var byOffset = await directory.PageByOffsetForBenchmarkAsync(new MemberQuery(), deep);
        Check(byKeyset.Select(r => r.UserId).SequenceEqual(byOffset.Select(r => r.UserId)) && byKeyset.Count == MemberDirectory.PageSize,
            $"the page after member {deep:N0} differs by keyset and by offset");

        // Email searches: each the start of a real member's address, up to the @ (a search must hold one to be an email search).
        var emailSearches = Enumerable.Range(0, 100).Select(i => Prefix(MemberSeeder.Email(organisation, (int)((long)i * members / 100)))).ToArray();
        foreach (var search in emailSearches.Take(5))
        {
            var found = await directory.PageAsync(new MemberQuery(search), null);
            Check(found.Count == 1 && found[0].Email.StartsWith(search, StringComparison.Ordinal), $"an email search for {search} found {found.Count} members");
        }

        // Name searches: the first three letters of a real member's first or last name; then the fifth page of two
        // searches, one whose matches are all last names (no first name starts "Sch") and one letter matching thousands of both.
        var nameSearches = Enumerable.Range(0, 100).Select(i => MemberSeeder.Name(i * 7)).Select((n, i) => (i % 2 == 0 ? n.First : n.Last)[..3]).ToArray();
        var lastNamesOnly = await CursorAfterPagesAsync(directory, new MemberQuery("Sch"), 4);
        var oneLetter = await CursorAfterPagesAsync(directory, new MemberQuery("M"), 4);
        var count = await directory.CountAsync(new MemberQuery());
        Check(count.IsCapped && count.Value == MemberDirectory.CountCap, $"the count of {members:N0} members read {count}");

        return
        [
            new("first page", true, _ => directory.PageAsync(new MemberQuery(), null)),
            new($"page after member {deep:N0}, keyset", true, _ => directory.PageAsync(new MemberQuery(), cursor)),
            new($"page after member {deep:N0}, offset (comparison)", false, _ => directory.PageByOffsetForBenchmarkAsync(new MemberQuery(), deep)),
            new("email prefix search, first page", true, i => directory.PageAsync(new MemberQuery(emailSearches[i % emailSearches.Length]), null)),
            new("name prefix search, first page", true, i => directory.PageAsync(new MemberQuery(nameSearches[i % nameSearches.Length]), null)),
            new("name prefix search \"Sch\", fifth page", true, _ => directory.PageAsync(new MemberQuery("Sch"), lastNamesOnly)),
            new("name prefix search \"M\", fifth page", true, _ => directory.PageAsync(new MemberQuery("M"), oneLetter)),
            new("status filter (Invited), first page", true, _ => directory.PageAsync(new MemberQuery(Status: MemberStatus.Invited), null)),
            new($"count, capped at {MemberDirectory.CountCap:N0}", true, _ => directory.CountAsync(new MemberQuery())),
        ];
    }

    private static async Task<MemberCursor> CursorAfterPagesAsync(MemberDirectory directory, MemberQuery query, int pages)
    {
        MemberCursor? cursor = null;
        for (var page = 0; page < pages; page++)
        {
            var rows = await directory.PageAsync(query, cursor);
            Check(rows.Count == MemberDirectory.PageSize, $"the search {query.Search} has fewer than {pages + 1} pages");
            cursor = rows[^1].Cursor;
        }

        return cursor!;
    }

    private static string Prefix(string email) => email[..(email.IndexOf('@', StringComparison.Ordinal) + 1)];

    private static void Check(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Check failed: {problem}.");
        }
    }

    /// <summary>The organisation's owner, signed in as the app would sign them in (their organisation and role as claims).</summary>
    private static async Task<AsyncServiceScope> ActingAsOwnerAsync(PortalHost host, string email)
    {
        var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var owner = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No member {email}.");
        services.GetRequiredService<CurrentUser>().Principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(owner);
        return scope;
    }

    /// <summary>Calls the scenario one after another for the window; every call's latency is kept.</summary>
    private static async Task<Measurement> MeasureAsync(Scenario scenario, TimeSpan window)
    {
        var latencies = new List<double>();
        var cpu = Measurement.ProcessCpu();
        var clock = Stopwatch.StartNew();
        var call = 0;
        while (clock.Elapsed < window)
        {
            var start = Stopwatch.GetTimestamp();
            await scenario.Run(call++);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return new Measurement(latencies.Count, clock.Elapsed, Measurement.ProcessCpu() - cpu, LatenciesMs: latencies);
    }

    private static async Task PrintAsync(TextWriter output, List<Scenario> scenarios, Measurement[] results)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync($"{"measurement",-52} {"count",8} {"per second",11} {"cpu",5} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8}");
        for (var i = 0; i < scenarios.Count; i++)
        {
            var (scenario, result) = (scenarios[i], results[i]);
            var p95 = result.Percentile(0.95) ?? double.NaN;
            var verdict = scenario.Targeted ? $"  (target p95 < {TargetP95Ms:N0} ms: {(p95 < TargetP95Ms ? "met" : "NOT met")})" : "";
            await output.WriteLineAsync($"{scenario.Label,-52} {result.Count,8:N0} {result.PerSecond,11:N1} {result.CpuUse,5:P0} " +
                $"{result.Percentile(0.50),8:N2} {p95,8:N2} {result.Percentile(0.99),8:N2}{verdict}");
        }
    }
}
