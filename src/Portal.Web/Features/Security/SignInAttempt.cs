namespace Portal.Web.Features.Security;

public enum SignInOutcome
{
    Succeeded,
    WrongPassword,
    LockedOut,
    TwoFactorFailed,
    Blocked,
}

/// <summary>One attempt to sign in to a known account, kept so the person can see who tried and from where.</summary>
public sealed class SignInAttempt
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public DateTime OccurredAt { get; set; }

    public SignInOutcome Outcome { get; set; }

    /// <summary>"password", "password+authenticator", "recovery code", "passkey".</summary>
    public string Method { get; set; } = "";

    public string Device { get; set; } = "";

    public string? IpAddress { get; set; }

    /// <summary>The browser had never signed in to this account before.</summary>
    public bool NewDevice { get; set; }
}
