using System.Diagnostics;
using System.Globalization;

namespace Portal.Benchmarks;

/// <summary>
/// How busy the whole machine was, and how much of that was this process, between two samples: on a shared machine,
/// other work there slows every measurement. Linux only (<c>/proc/stat</c>); elsewhere the share is unknown.
/// </summary>
internal sealed class MachineCpu
{
    private readonly (long Busy, long Total)? _machine = Sample();
    private readonly TimeSpan _process = Measurement.ProcessCpu();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Busy share of all cores since construction, for the machine (null where unknown) and for this process.</summary>
    public (double? Machine, double Process) Since()
    {
        var process = (Measurement.ProcessCpu() - _process) / (_clock.Elapsed * Environment.ProcessorCount);
        return Sample() is { } now && _machine is { } then && now.Total > then.Total
            ? ((double)(now.Busy - then.Busy) / (now.Total - then.Total), process)
            : (null, process);
    }

    /// <summary>The first line of /proc/stat: user nice system idle iowait irq softirq steal ...; idle and iowait are not busy.</summary>
    private static (long Busy, long Total)? Sample()
    {
        const string path = "/proc/stat";
        if (!File.Exists(path))
        {
            return null;
        }

        var fields = File.ReadLines(path).First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        return (total - fields[3] - fields[4], total);
    }
}
