using Microsoft.Extensions.Time.Testing;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The clock tests move by hand. Its timers (periodic timers, <c>Task.Delay</c> with it) fire only when
/// <see cref="FakeTimeProvider.Advance"/> moves it past their due time, on the advancing thread.
/// </summary>
public static class TestClock
{
    /// <summary>Sunday 22 November 2026, 09:00 UTC: the digest tests count the days to Monday from it.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Create() => new(Start);
}
