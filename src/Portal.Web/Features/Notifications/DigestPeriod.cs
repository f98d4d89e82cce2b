using System.Globalization;

namespace Portal.Web.Features.Notifications;

/// <summary>
/// The span a digest covers, in UTC. Weekly digests cover Monday to Sunday and go out the following Monday from
/// <see cref="SendHour"/>; monthly ones cover a calendar month and go out on the 1st. Only the latest finished period
/// is sent, so a portal that was down does not send a backlog of old digests.
/// </summary>
public sealed record DigestPeriod(DigestFrequency Frequency, DateTime From, DateTime To)
{
    public const int SendHour = 6;

    /// <summary>"W2026-48" or "M2026-11": the same for every person, so one row per person and period.</summary>
    public string Key => Frequency == DigestFrequency.Weekly
        ? string.Create(CultureInfo.InvariantCulture, $"W{ISOWeek.GetYear(From)}-{ISOWeek.GetWeekOfYear(From):00}")
        : string.Create(CultureInfo.InvariantCulture, $"M{From:yyyy-MM}");

    /// <summary>The latest finished period of this frequency whose sending time has come.</summary>
    public static DigestPeriod LatestDue(DigestFrequency frequency, DateTimeOffset now)
    {
        var at = now.UtcDateTime;
        var (from, to) = Containing(frequency, at.Date);

        // Until the sending hour on the day a period ends, the latest due one is the period before it.
        return at < to.AddHours(SendHour)
            ? new DigestPeriod(frequency, Containing(frequency, from).From, from)
            : new DigestPeriod(frequency, from, to);
    }

    /// <summary>The finished period just before the one containing <paramref name="day"/>.</summary>
    private static (DateTime From, DateTime To) Containing(DigestFrequency frequency, DateTime day)
    {
        var start = frequency switch
        {
            DigestFrequency.Weekly => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            DigestFrequency.Monthly => new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc),
            _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Off has no period."),
        };
        start = DateTime.SpecifyKind(start, DateTimeKind.Utc);
        return frequency == DigestFrequency.Weekly ? (start.AddDays(-7), start) : (start.AddMonths(-1), start);
    }
}
