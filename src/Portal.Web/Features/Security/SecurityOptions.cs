namespace Portal.Web.Features.Security;

/// <summary>The "Security" configuration section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>How often an open page re-checks its session. The minute the issue of record allows is the default.</summary>
    public TimeSpan CircuitCheckInterval { get; set; } = SessionLifetimes.CheckInterval;
}
