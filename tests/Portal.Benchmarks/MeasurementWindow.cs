using System.Diagnostics;

namespace Portal.Benchmarks;

/// <summary>
/// Counts the operations that finish between <c>start</c> and <c>end</c> on its clock, while the load runs from zero
/// until <c>end</c>: the ramp-up before the window and the drain after it are not counted, so the rate is a
/// steady-state rate. Process CPU time is sampled by the first caller to see each edge of the window.
/// </summary>
internal sealed class MeasurementWindow(TimeSpan start, TimeSpan end)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<double> _latencies = [];
    private readonly Lock _gate = new();
    private long _failures;
    private TimeSpan? _cpuAtStart;
    private TimeSpan? _cpuAtEnd;

    public TimeSpan Now => _clock.Elapsed;

    /// <summary>True until the window closes; call before each operation.</summary>
    public bool Running
    {
        get
        {
            var now = Now;
            if (now >= start && _cpuAtStart is null)
            {
                SampleCpu(ref _cpuAtStart);
            }

            if (now < end)
            {
                return true;
            }

            SampleCpu(ref _cpuAtEnd);
            return false;
        }
    }

    public void Record(TimeSpan startedAt, bool succeeded)
    {
        var now = Now;
        if (now < start || now >= end)
        {
            return;
        }

        lock (_gate)
        {
            _latencies.Add((now - startedAt).TotalMilliseconds);
            _failures += succeeded ? 0 : 1;
        }
    }

    public Measurement Result()
    {
        lock (_gate)
        {
            var cpu = (_cpuAtEnd ?? Measurement.ProcessCpu()) - (_cpuAtStart ?? TimeSpan.Zero);
            return new Measurement(_latencies.Count - _failures, end - start, cpu, _failures, [.. _latencies]);
        }
    }

    private void SampleCpu(ref TimeSpan? sample)
    {
        lock (_gate)
        {
            sample ??= Measurement.ProcessCpu();
        }
    }
}
