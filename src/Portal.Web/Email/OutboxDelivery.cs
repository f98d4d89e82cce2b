using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Email;

/// <summary>
/// One pass over the outbox: lease a batch of due messages in one conditional update (so two instances never take the
/// same row), deliver them with up to <see cref="EmailOptions.Concurrency"/> senders at once, each on one transport
/// session (over SMTP, one connection for all it sends), and record the successes in one update and each failure as a
/// retry with back-off or the dead letter. A message is sent only while its lease holds: one whose lease is half spent
/// is renewed first, and left alone when another instance has taken it since; and once a pass is past half its
/// leases, each success is recorded as it happens.
/// </summary>
/// <remarks>
/// Delivery is at least once: a host that stops after sending but before recording leaves its batch to be sent again
/// when the leases expire. Mail carries its outbox id as <c>Message-ID</c> and webhooks as <c>webhook-id</c>, so
/// receivers can drop the repeat.
/// </remarks>
public sealed class OutboxDelivery(
    IServiceScopeFactory scopeFactory,
    IEmailTransport transport,
    IWebhookTransport webhooks,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<OutboxDelivery> logger)
{
    /// <summary>How many sent messages a pass records at once while it goes on sending.</summary>
    private const int RecordEvery = 100;

    private long passes;

    public string InstanceId { get; } = $"{Environment.MachineName[..Math.Min(40, Environment.MachineName.Length)]}-{Guid.NewGuid():N}";

    /// <summary>Delivers one batch; returns how many messages it attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;

        // Each pass holds its leases under its own name, so passes running at once on one instance never share rows.
        var owner = $"{InstanceId}/{Interlocked.Increment(ref passes)}";
        await using var work = WorkScopes.BeginAsSystem(scopeFactory);
        var dbFactory = work.Contexts;
        List<OutboxMessage> batch;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var now = time.GetUtcNow().UtcDateTime;
            var due = await Due(db, now).OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(settings.BatchSize).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return 0;
            }

            // Takes only what is still due: since the listing another instance may have taken a row, or tried it and
            // pushed it back by its back-off, and that must hold here too.
            var until = now + settings.LeaseDuration;
            await StillDue(db, due, now)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, owner).SetProperty(m => m.LeaseExpiresAt, until), cancellationToken);
            batch = await db.OutboxMessages.AsNoTracking()
                .Where(m => due.Contains(m.Id) && m.LeaseOwner == owner)
                .OrderBy(m => m.NextAttemptAt)
                .ToListAsync(cancellationToken);
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        var sent = new ConcurrentQueue<Guid>();
        var recording = Task.CompletedTask;
        var recordingGate = new Lock();
        var attempted = 0;
        var waiting = new ConcurrentQueue<OutboxMessage>(batch);
        var senders = Math.Min(settings.Concurrency, batch.Count);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = senders, CancellationToken = cancellationToken };
        try
        {
            // Each sender takes the next waiting message until none is left, all on one transport session: over SMTP
            // a pass opens at most Concurrency connections, whatever its batch size.
            await Parallel.ForEachAsync(Enumerable.Range(0, senders), parallel, async (_, token) =>
            {
                await using var session = transport.OpenSession();
                while (waiting.TryDequeue(out var message))
                {
                    token.ThrowIfCancellationRequested();
                    if (!await HoldLeaseAsync(dbFactory, message, owner, token))
                    {
                        continue;
                    }

                    Interlocked.Increment(ref attempted);
                    try
                    {
                        await (message.Kind == OutboxKind.Webhook ? webhooks.SendAsync(message, token) : session.SendAsync(message, token));
                        sent.Enqueue(message.Id);
                        if (time.GetUtcNow().UtcDateTime >= message.LeaseExpiresAt - (settings.LeaseDuration / 2))
                        {
                            // The pass is slow: record what went out now, before its leases can run out under it.
                            await RecordSentAsync(dbFactory, owner, Drain(sent));
                        }
                        else if (sent.Count >= RecordEvery)
                        {
                            // Record what went out while sending goes on, so the pass does not end waiting on one
                            // large write (each commit waits for the disk). A failed write is kept for the end to throw.
                            lock (recordingGate)
                            {
                                if (recording.IsCompletedSuccessfully && sent.Count >= RecordEvery)
                                {
                                    recording = RecordSentAsync(dbFactory, owner, Drain(sent));
                                }
                            }
                        }
                    }
                    catch (Exception exception) when (!token.IsCancellationRequested)
                    {
                        // A transport's own time-out may surface as a cancellation: only the pass's own stop is one.
                        await RecordFailureAsync(dbFactory, message, owner, exception);
                    }
                }
            });
        }
        finally
        {
            // What went out is recorded even when the pass is stopped part way.
            try
            {
                await recording;
            }
            finally
            {
                await RecordSentAsync(dbFactory, owner, Drain(sent));
            }
        }

        return attempted;
    }

    private static List<Guid> Drain(ConcurrentQueue<Guid> queue)
    {
        var drained = new List<Guid>();
        while (queue.TryDequeue(out var id))
        {
            drained.Add(id);
        }

        return drained;
    }

    /// <summary>30 s, 1 min, 2 min, ... capped at one hour.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, attempts - 1)));

    private static IQueryable<OutboxMessage> Due(PortalDbContext db, DateTime now) =>
        db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now));

    /// <summary>
    /// <see cref="Due"/> for rows already listed by id, written so that SQLite looks them up by id: given an equality on
    /// Status it walks every due row of the (Status, NextAttemptAt) index instead, which costs as much as the backlog
    /// is long. Pending is the one status that is neither of the other two.
    /// </summary>
    private static IQueryable<OutboxMessage> StillDue(PortalDbContext db, List<Guid> ids, DateTime now) =>
        db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.Status != OutboxStatus.Sent && m.Status != OutboxStatus.DeadLettered
            && m.NextAttemptAt <= now && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now));

    /// <summary>
    /// True while this instance may send the message: its lease has more than half to run, or renewing it worked because
    /// no other instance has taken or tried the message since (earlier sends in the pass may have been slow).
    /// </summary>
    private async Task<bool> HoldLeaseAsync(IDbContextFactory<PortalDbContext> dbFactory, OutboxMessage message, string owner, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var lease = options.Value.LeaseDuration;
        if (message.LeaseExpiresAt is { } until && now < until - (lease / 2))
        {
            return true;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var renewed = now + lease;
        var held = await db.OutboxMessages
            .Where(m => m.Id == message.Id && m.LeaseOwner == owner && m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseExpiresAt, renewed), cancellationToken) == 1;
        if (held)
        {
            message.LeaseExpiresAt = renewed;
        }

        return held;
    }

    private async Task RecordSentAsync(IDbContextFactory<PortalDbContext> dbFactory, string owner, List<Guid> sent)
    {
        if (sent.Count == 0)
        {
            return;
        }

        var sentAt = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        foreach (var chunk in sent.Chunk(500))
        {
            await db.OutboxMessages.Where(m => chunk.Contains(m.Id) && m.LeaseOwner == owner)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Sent)
                    .SetProperty(m => m.SentAt, sentAt)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LeaseOwner, (string?)null)
                    .SetProperty(m => m.LeaseExpiresAt, (DateTime?)null), CancellationToken.None);
        }
    }

    private async Task RecordFailureAsync(IDbContextFactory<PortalDbContext> dbFactory, OutboxMessage message, string owner, Exception exception)
    {
        var attempts = message.Attempts + 1;
        var dead = attempts >= options.Value.MaxAttempts;
        var next = time.GetUtcNow().UtcDateTime + Backoff(attempts);
        var error = exception.Message.Length > 2000 ? exception.Message[..2000] : exception.Message;
        logger.LogWarning(exception, "Delivery of outbox message {MessageId} failed (attempt {Attempt}).", message.Id, attempts);
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.OutboxMessages.Where(m => m.Id == message.Id && m.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, dead ? OutboxStatus.DeadLettered : OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseExpiresAt, (DateTime?)null), CancellationToken.None);
    }
}
