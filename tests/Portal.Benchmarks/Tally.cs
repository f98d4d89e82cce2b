using System.Diagnostics;

namespace Portal.Benchmarks;

/// <summary>A running count and total duration, added to from any thread and taken (and reset) between rounds.</summary>
internal sealed class Tally
{
    private long _count;
    private long _ticks;

    public void Add(TimeSpan duration)
    {
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _ticks, duration.Ticks);
    }

    /// <summary>Times from <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>) until now.</summary>
    public void AddSince(long startTimestamp) => Add(Stopwatch.GetElapsedTime(startTimestamp));

    /// <summary>What was added since the last call.</summary>
    public (long Count, TimeSpan Total) Take() =>
        (Interlocked.Exchange(ref _count, 0), TimeSpan.FromTicks(Interlocked.Exchange(ref _ticks, 0)));
}
