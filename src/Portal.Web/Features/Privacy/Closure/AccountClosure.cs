using Portal.Web.Tenancy;

namespace Portal.Web.Features.Privacy;

/// <summary>Where a closure stands. Stored by name.</summary>
public enum ClosureStatus
{
    /// <summary>The organisation does not let its members close their own account: its administrators decide.</summary>
    Requested = 0,

    /// <summary>Closed: nobody can sign in, and the account and everything it owns are deleted at <see cref="AccountClosure.DeleteAfter"/>.</summary>
    Closing = 1,

    Declined = 2,

    Reopened = 3,
}

/// <summary>
/// One closure of an account, from the request (or the closing itself) to its reopening or the account's deletion,
/// when the row goes with everything else the person owned. The member's status says Closed while it is
/// <see cref="ClosureStatus.Closing"/>; this row says when deletion happens and who may reopen.
/// </summary>
public sealed class AccountClosure : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public string UserId { get; set; } = "";

    public ClosureStatus Status { get; set; }

    /// <summary>An administrator closed the account (or its closure was theirs to decide): only an administrator may reopen it.</summary>
    public bool ByAdministrator { get; set; }

    public DateTime RequestedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>When the purge may delete the account: the end of the grace period.</summary>
    public DateTime? DeleteAfter { get; set; }

    public DateTime? ReminderSentAt { get; set; }

    /// <summary>The administrator who approved, declined or closed; null when the person closed their own account.</summary>
    public string? DecidedById { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>Why an administrator declined a request; the person receives it.</summary>
    public string? DeclineReason { get; set; }

    public DateTime? ReopenedAt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }
}

/// <summary>
/// What is left of a deleted account: its id and the day it went, so the audit trail (which is never rewritten) shows
/// "Deleted account" where the person acted or was acted on. Nothing else about them remains.
/// </summary>
public sealed class DeletedAccount
{
    public string UserId { get; set; } = "";

    public DateTime DeletedAt { get; set; }
}
