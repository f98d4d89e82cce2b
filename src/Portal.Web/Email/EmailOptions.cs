using MailKit.Security;

namespace Portal.Web.Email;

public enum EmailTransportKind
{
    Pickup,
    Smtp,
}

public sealed class EmailOptions
{
    public const string Section = "Email";

    public EmailTransportKind Transport { get; set; } = EmailTransportKind.Pickup;

    public string From { get; set; } = "Portal <no-reply@portal.test>";

    /// <summary>Where the pickup transport writes messages; relative paths are under the content root.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Whether this instance delivers mail in the background (tests drive delivery themselves).</summary>
    public bool RunDispatcher { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many due messages one pass leases at once.</summary>
    /// <remarks>
    /// Each pass pays for its database round trips and, over SMTP, a connection per sender; at 100 that was a third of
    /// the time against a fast server. A pass of 500 still ends in seconds against a slow one, well inside its leases.
    /// </remarks>
    public int BatchSize { get; set; } = 500;

    /// <summary>How many messages of a pass are sent at the same time (SMTP servers take several connections).</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>After this many failed attempts a message is dead-lettered for a platform admin to look at.</summary>
    public int MaxAttempts { get; set; } = 8;
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    /// <summary>
    /// How the connection is secured: <c>StartTls</c> (required), <c>StartTlsWhenAvailable</c>, <c>SslOnConnect</c>
    /// (port 465), <c>None</c>, or <c>Auto</c> (SSL on connect for port 465, otherwise STARTTLS when the server offers it).
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    /// <summary>Signs in with this user name and <see cref="Password"/> when set; otherwise sends without authenticating.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one network step (connecting, a command, the message's data) may take before the send fails and is retried.</summary>
    /// <remarks>Well inside half a lease, so a send never outlives the lease it started under.</remarks>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
