namespace Portal.Benchmarks;

/// <summary>One kind of page load with what it measured, client side and inside the app.</summary>
internal sealed record PageResult(PageTarget Target, Measurement Client, AppSide App);

/// <summary>The <c>profile</c> command's table.</summary>
internal static class ProfileReport
{
    public const double Target = 0.5;

    public static async Task PrintAsync(TextWriter output, PageResult baseline, IReadOnlyList<PageResult> profiles, (double? Machine, double Process) cpu, string? failure)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync($"{"measurement",-52} {"count",8} {"seconds",8} {"per second",11} {"cpu",5} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"ratio",6}");
        foreach (var result in (PageResult[])[baseline, .. profiles])
        {
            var client = result.Client;
            var ratio = client.PerSecond / baseline.Client.PerSecond;
            var verdict = result == baseline ? "" : $"  (target >= {Target:N2}: {(ratio >= Target ? "met" : "NOT met")})";
            await output.WriteLineAsync($"{result.Target.Label,-52} {client.Count,8:N0} {client.Elapsed.TotalSeconds,8:N2} {client.PerSecond,11:N1} {client.CpuUse,5:P0} " +
                $"{client.Percentile(0.50),8:N2} {client.Percentile(0.95),8:N2} {client.Percentile(0.99),8:N2} {ratio,6:N2}{verdict}");
        }

        var failures = baseline.Client.Failures + profiles.Sum(p => p.Client.Failures);
        await output.WriteLineAsync($"{"failed requests (not 200 or wrong heading)",-52} {failures,8:N0}");
        var machine = cpu.Machine is { } busy ? $"{busy:P0} busy" : "unknown";
        await output.WriteLineAsync($"{"machine cpu over all rounds",-52} {machine}, {cpu.Process:P0} by this process (load and app together)");

        await output.WriteLineAsync();
        await output.WriteLineAsync($"{"inside the app, mean per request (ramp-up included)",-52} {"requests",8} {"server ms",10} {"db ms",7} {"queries",8} {"query ms",9} {"opens",6} {"open ms",8}");
        foreach (var result in (PageResult[])[baseline, .. profiles])
        {
            var app = result.App;
            await output.WriteLineAsync($"{result.Target.Label,-52} {app.Requests,8:N0} {app.ServerMsPerRequest,10:N3} {app.ContextMsPerRequest,7:N3} {app.QueriesPerRequest,8:N2} " +
                $"{app.QueryMsPerRequest,9:N3} {app.OpeningsPerRequest,6:N2} {app.OpeningMsPerRequest,8:N3}");
        }

        if (failure is not null)
        {
            await output.WriteLineAsync($"last failure: {failure}");
        }
    }
}
