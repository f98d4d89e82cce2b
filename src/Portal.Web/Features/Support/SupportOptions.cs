using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Features.Support;

/// <summary>The "Support" configuration section.</summary>
public sealed class SupportOptions
{
    public const string Section = "Support";

    /// <summary>How long an agent may act as a person before it ends by itself.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "04:00:00")]
    public TimeSpan ImpersonationLength { get; set; } = TimeSpan.FromMinutes(30);
}
