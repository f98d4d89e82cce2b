namespace Portal.Web.Email;

/// <remarks>The lease statement reads "neither Sent nor DeadLettered" as Pending (<c>OutboxDelivery.StillDue</c>): a new status goes there too.</remarks>
public enum OutboxStatus
{
    Pending,
    Sent,
    DeadLettered,
}

/// <summary>What an outbox message is: an email, or a signed webhook to a partner (<see cref="IWebhookTransport"/>).</summary>
public enum OutboxKind
{
    Email,
    Webhook,
}

/// <summary>
/// An email waiting to be delivered. Written in the same transaction as the change that caused it;
/// the dispatcher leases rows so two app instances never deliver the same message.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public OutboxKind Kind { get; set; }

    /// <summary>The address; for a webhook, the partner's slug (its current address and secret are used at each attempt).</summary>
    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    /// <summary>The plain-text body; for a webhook, its JSON.</summary>
    public string TextBody { get; set; } = "";

    /// <summary>Extra headers as JSON (for example List-Unsubscribe).</summary>
    public string? Headers { get; set; }

    public EmailCategory Category { get; set; }

    /// <summary>The organisation whose members' actions sent it (invitations, accounts made on someone's behalf), counted by its sending limit.</summary>
    public Guid? OrganisationId { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }

    public DateTime? SentAt { get; set; }

    public string? LastError { get; set; }
}
