using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Features.Privacy;

/// <summary><c>Accounts:ClosureGracePeriod</c>: how long a closed account waits before it is deleted, 1 to 90 days (30 unless configured).</summary>
public sealed class ClosureOptions
{
    public const string Section = "Accounts";

    [Range(typeof(TimeSpan), "1.00:00:00", "90.00:00:00", ErrorMessage = "Accounts:ClosureGracePeriod must be between 1 and 90 days.")]
    public TimeSpan ClosureGracePeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The reminder goes this long before deletion.</summary>
    public static readonly TimeSpan ReminderBefore = TimeSpan.FromDays(3);
}
