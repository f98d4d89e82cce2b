namespace Portal.Benchmarks;

/// <summary>How many operations succeeded in how long, with the latencies of the individual operations where known.</summary>
internal sealed record Measurement(long Count, TimeSpan Elapsed, TimeSpan Cpu, long Failures = 0, IReadOnlyList<double>? LatenciesMs = null)
{
    public static readonly Measurement None = new(0, TimeSpan.Zero, TimeSpan.Zero);

    public double PerSecond => Count / Elapsed.TotalSeconds;

    public Measurement Plus(Measurement other) =>
        new(Count + other.Count, Elapsed + other.Elapsed, Cpu + other.Cpu, Failures + other.Failures,
            [.. LatenciesMs ?? [], .. other.LatenciesMs ?? []]);

    /// <summary>The share of the machine's cores this process kept busy while measuring.</summary>
    public double CpuUse => Cpu / (Elapsed * Environment.ProcessorCount);

    /// <summary>Process CPU time so far, to subtract from the time after a measurement.</summary>
    public static TimeSpan ProcessCpu()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public double? Percentile(double fraction)
    {
        if (LatenciesMs is not { Count: > 0 } latencies)
        {
            return null;
        }

        var sorted = latencies.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(fraction * sorted.Count))];
    }
}
