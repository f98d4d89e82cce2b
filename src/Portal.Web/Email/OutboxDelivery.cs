using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Web.Data;

namespace Portal.Web.Email;

/// <summary>
/// One pass over the outbox: lease due messages (a conditional update, so two instances never take the same row),
/// deliver them, and record success, a retry with back-off, or the dead letter.
/// </summary>
public sealed class OutboxDelivery(
    IServiceScopeFactory scopeFactory,
    IEmailTransport transport,
    IWebhookTransport webhooks,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<OutboxDelivery> logger)
{
    public string InstanceId { get; } = $"{Environment.MachineName[..Math.Min(40, Environment.MachineName.Length)]}-{Guid.NewGuid():N}";

    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopeFactory.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);
        var due = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        var delivered = 0;
        foreach (var id in due)
        {
            // Read the clock per message: earlier sends in this pass may have been slow, and a lease dated from the
            // start of the pass could already be expired when taken, letting another instance deliver it too.
            var leasedAt = time.GetUtcNow().UtcDateTime;
            if (await TryLeaseAsync(db, id, leasedAt, leasedAt + settings.LeaseDuration, cancellationToken))
            {
                await DeliverAsync(db, id, cancellationToken);
                delivered++;
            }
        }

        return delivered;
    }

    /// <summary>
    /// Takes the message only if it is still due: since this pass listed it, another instance may have tried it
    /// and pushed it back by its back-off, and that must hold here too.
    /// </summary>
    private async Task<bool> TryLeaseAsync(PortalDbContext db, Guid id, DateTime now, DateTime until, CancellationToken cancellationToken) =>
        await db.OutboxMessages
            .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, InstanceId).SetProperty(m => m.LeaseExpiresAt, until), cancellationToken) == 1;

    private async Task DeliverAsync(PortalDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.AsNoTracking().FirstAsync(m => m.Id == id, cancellationToken);
        var mine = db.OutboxMessages.Where(m => m.Id == id && m.LeaseOwner == InstanceId);
        try
        {
            await (message.Kind == OutboxKind.Webhook ? webhooks.SendAsync(message, cancellationToken) : transport.SendAsync(message, cancellationToken));
            var sentAt = time.GetUtcNow().UtcDateTime;
            await mine.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.SentAt, sentAt)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseExpiresAt, (DateTime?)null), CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var attempts = message.Attempts + 1;
            var dead = attempts >= options.Value.MaxAttempts;
            var next = time.GetUtcNow().UtcDateTime + Backoff(attempts);
            var error = exception.Message.Length > 2000 ? exception.Message[..2000] : exception.Message;
            logger.LogWarning(exception, "Delivery of outbox message {MessageId} failed (attempt {Attempt}).", id, attempts);
            await mine.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, dead ? OutboxStatus.DeadLettered : OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseExpiresAt, (DateTime?)null), CancellationToken.None);
        }
    }

    /// <summary>30 s, 1 min, 2 min, ... capped at one hour.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, attempts - 1)));
}
