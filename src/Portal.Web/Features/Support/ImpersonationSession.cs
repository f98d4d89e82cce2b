using Portal.Web.Tenancy;

namespace Portal.Web.Features.Support;

/// <summary>
/// A support agent acting as a person, for a reason and a limited time. The agent's browser holds a cookie for
/// <see cref="SubjectSessionId"/>, a session of the person's that ends at <see cref="ExpiresAt"/> at the latest; their
/// own session, <see cref="AgentSessionId"/>, is given back when this ends. Owned by the person's organisation.
/// </summary>
public sealed class ImpersonationSession : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public string SubjectId { get; set; } = "";

    public string AgentId { get; set; } = "";

    public Guid AgentSessionId { get; set; }

    public Guid SubjectSessionId { get; set; }

    /// <summary>How the agent signed in (RFC 8176 values, space-separated), kept for when their own session returns.</summary>
    public string AgentMethods { get; set; } = "";

    public string Reason { get; set; } = "";

    public string? Ticket { get; set; }

    /// <summary>Every change is refused while this is set, not only the sensitive ones.</summary>
    public bool ReadOnly { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? EndedAt { get; set; }

    /// <summary>Why it ended: <see cref="ImpersonationEndReasons"/>.</summary>
    public string? EndReason { get; set; }

    /// <summary>When it stopped being usable: when it was ended, or when its time ran out.</summary>
    public DateTime EffectiveEnd => EndedAt is { } ended && ended < ExpiresAt ? ended : ExpiresAt;
}

/// <summary>Why an impersonation ended. Stable strings: they are stored.</summary>
public static class ImpersonationEndReasons
{
    public const string Stopped = "stopped";
    public const string Expired = "expired";

    /// <summary>The person's session was ended under it (by them, an administrator, or a restriction).</summary>
    public const string SessionEnded = "session_ended";

    /// <summary>The organisation stopped allowing Portal support to act for its members.</summary>
    public const string AccessWithdrawn = "access_withdrawn";
}
