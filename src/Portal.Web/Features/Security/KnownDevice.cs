namespace Portal.Web.Features.Security;

/// <summary>
/// A browser that has signed in to an account. The browser keeps a random token in a cookie; only its SHA-256 hash is
/// stored, so the table cannot be used to impersonate a device.
/// </summary>
public sealed class KnownDevice
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public string TokenHash { get; set; } = "";

    public string Device { get; set; } = "";

    public DateTime FirstSeenAt { get; set; }

    public DateTime LastSeenAt { get; set; }
}
