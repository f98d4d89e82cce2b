using System.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Administration;

/// <summary>Which undelivered messages to show: those the dispatcher gave up on, or those it is still retrying.</summary>
public enum OutboxView
{
    DeadLettered,
    Retrying,
}

public enum RetryOutcome
{
    Retried,
    NotFound,
}

public sealed record OutboxEntry(Guid Id, string To, string Subject, int Attempts, string? LastError, DateTime CreatedAt, DateTime NextAttemptAt);

/// <summary>
/// Email the platform could not deliver, for platform admins: list it newest first and put a message back in the
/// queue once the cause is fixed. Both re-check the Support policy (Support and PlatformAdmin staff); the page's attribute is not the only guard.
/// </summary>
public sealed class OutboxAdministration(
    IDbContextFactory<PortalDbContext> dbFactory,
    IAuthorizationService authorization,
    CurrentUser currentUser,
    AuditLog audit,
    TimeProvider time)
{
    public const int PageSize = 50;

    /// <summary>
    /// One keyset page of up to <paramref name="size"/> entries (1 to 101), newest first; pass the last entry of the previous
    /// page to continue after it.
    /// </summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(OutboxView view, OutboxEntry? after = null, int size = PageSize, CancellationToken cancellationToken = default)
    {
        await EnsureStaffAsync();
        size = Math.Clamp(size, 1, 101);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var messages = view == OutboxView.DeadLettered
            ? db.OutboxMessages.Where(m => m.Status == OutboxStatus.DeadLettered)
            : db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.Attempts > 0);
        if (after is not null)
        {
            // (CreatedAt, Id) is unique and indexed; Id only breaks ties, so any consistent Guid order will do.
            messages = messages.Where(m => m.CreatedAt < after.CreatedAt || (m.CreatedAt == after.CreatedAt && m.Id.CompareTo(after.Id) < 0));
        }

        return await messages.AsNoTracking()
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(size)
            .Select(m => new OutboxEntry(m.Id, m.To, m.Subject, m.Attempts, m.LastError, m.CreatedAt, m.NextAttemptAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Queues an undelivered message again with a fresh set of attempts, recording who did it in the same save.
    /// Sent, unknown and currently leased messages answer <see cref="RetryOutcome.NotFound"/>.
    /// </summary>
    public async Task<RetryOutcome> RetryAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await EnsureStaffAsync();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // Read and write in one serializable transaction so the dispatcher cannot deliver it in between.
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var message = await db.OutboxMessages.FirstOrDefaultAsync(
            m => m.Id == id && (m.Status == OutboxStatus.DeadLettered
                || (m.Status == OutboxStatus.Pending && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now))),
            cancellationToken);
        if (message is null)
        {
            return RetryOutcome.NotFound;
        }

        message.Status = OutboxStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = now;
        await audit.AppendAsync(db, new AuditRecord(
            AuditActions.EmailRetried,
            Target: id.ToString(),
            ChangedFields: [nameof(OutboxMessage.Status), nameof(OutboxMessage.Attempts), nameof(OutboxMessage.NextAttemptAt)]), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RetryOutcome.Retried;
    }

    private Task EnsureStaffAsync() => authorization.RequireAsync(currentUser.Principal, Policies.Support, "Only Portal staff can see or retry undelivered email.");
}
