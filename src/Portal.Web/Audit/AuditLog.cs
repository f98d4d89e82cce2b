using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Web.Data;
using Portal.Web.Features.Support;
using Portal.Web.Tenancy;

namespace Portal.Web.Audit;

/// <summary>
/// The one way to write audit events. When the caller names no organisation, the subject's own organisation is used. <see cref="AppendAsync"/> saves the event together with whatever else the
/// caller has pending in the same context, in one transaction, so a change is never saved without its event.
/// </summary>
public sealed class AuditLog(AuditOrigin origin, CurrentUser currentUser, TimeProvider time, AuditCheckpointSignal checkpoints)
{
    // SQLite has one writer at a time; queueing appenders here is cheaper than contending for its file lock.
    private static readonly SemaphoreSlim SqliteAppends = new(1, 1);

    public Task AppendAsync(PortalDbContext db, AuditRecord record, CancellationToken cancellationToken = default) =>
        AppendManyAsync(db, [record], cancellationToken);

    /// <summary>Several events (one bulk change) chained in order and saved at once with the caller's pending changes.</summary>
    public async Task AppendManyAsync(PortalDbContext db, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        var ownTransaction = db.Database.CurrentTransaction is null;
        var gated = ownTransaction && db.Database.IsSqlite();
        if (gated)
        {
            await SqliteAppends.WaitAsync(cancellationToken);
        }

        IDbContextTransaction? transaction = null;
        try
        {
            if (ownTransaction)
            {
                transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            }

            var tail = await db.AuditEvents.AsNoTracking()
                .OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash })
                .FirstOrDefaultAsync(cancellationToken);

            var sequence = tail?.Sequence ?? 0;
            var lastBefore = sequence;
            var previousHash = tail?.Hash ?? AuditHash.Genesis;
            var occurredAt = TruncateToMicroseconds(time.GetUtcNow().UtcDateTime);
            foreach (var record in records)
            {
                var entry = new AuditEvent
                {
                    Sequence = ++sequence,
                    PreviousHash = previousHash,
                    OccurredAt = occurredAt,
                    OrganisationId = record.OrganisationId ?? (record.SubjectId is { } subject ? await TenantClaims.FindOrganisationAsync(db, subject) : null),
                    ActorId = Limit(record.ActorId ?? currentUser.UserId, 450),
                    ImpersonatorId = origin.ImpersonatorId ?? (record.ActorId is null || record.ActorId == currentUser.UserId ? currentUser.Principal.ImpersonatorId() : null),
                    SubjectId = Limit(record.SubjectId, 450),
                    Action = record.Action,
                    Target = Limit(record.Target, 400),
                    IpAddress = Limit(origin.IpAddress, 64),
                    UserAgent = Limit(origin.UserAgent, 512),
                    CorrelationId = Limit(origin.CorrelationId, 100),
                    ChangedFields = record.ChangedFields is { Count: > 0 } fields ? Limit(string.Join(',', fields), 1000) : null,
                };
                entry.Hash = AuditHash.Compute(entry);
                previousHash = entry.Hash;
                db.AuditEvents.Add(entry);
            }

            await db.SaveChangesAsync(cancellationToken);

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            checkpoints.Appended(lastBefore, sequence);
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            if (gated)
            {
                SqliteAppends.Release();
            }
        }
    }

    private static DateTime TruncateToMicroseconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);

    private static string? Limit(string? value, int length) =>
        value is null || value.Length <= length ? value : value[..length];
}
