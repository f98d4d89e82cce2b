namespace Portal.Tests.Infrastructure;

/// <summary>
/// A clock the test moves by hand. Timers created from it (periodic timers, <c>Task.Delay</c> with this provider)
/// fire only when <see cref="Advance"/> moves the clock past their due time, on the advancing thread.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now = start;

    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            now += by;
        }

        while (NextDue() is { } timer)
        {
            timer.Fire();
        }
    }

    private ManualTimer? NextDue()
    {
        lock (gate)
        {
            var due = timers.Where(t => t.DueAt <= now).MinBy(t => t.DueAt);
            if (due is null)
            {
                return null;
            }

            if (due.Period is { } period)
            {
                due.DueAt += period;
            }
            else
            {
                timers.Remove(due);
            }

            return due;
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public TimeSpan? Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner.gate)
            {
                owner.timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                DueAt = owner.now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
                owner.timers.Add(this);
                return true;
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner.gate)
            {
                owner.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
