namespace Portal.Web.Features.Security;

/// <summary>
/// One signed-in browser. The authentication cookie carries <see cref="Id"/>; the cookie is only honoured while this
/// record is neither revoked nor expired, so ending a session here ends it everywhere it is used.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    /// <summary>"Chrome on Windows": what the person recognises in their session list.</summary>
    public string Device { get; set; } = "";

    public string? IpAddress { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    /// <summary>When the person last proved who they are in this session (sign-in or a later confirmation).</summary>
    public DateTime AuthenticatedAt { get; set; }

    /// <summary>"Remember me": a long absolute lifetime and no idle timeout.</summary>
    public bool Persistent { get; set; }

    /// <summary>A fixed end that no use extends: set for a session Portal support holds while acting for the person.</summary>
    public DateTime? ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>Why the session ended early: signed out, ended by the person, by an administrator, by a password change.</summary>
    public string? RevokedReason { get; set; }
}
