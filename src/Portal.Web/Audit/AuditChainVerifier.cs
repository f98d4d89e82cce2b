using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;

namespace Portal.Web.Audit;

/// <summary>The chain is sound through event <see cref="EventsChecked"/>, whose hash is <see cref="TailHash"/>, unless a bad event is named.</summary>
public sealed record AuditVerification(long EventsChecked, long? FirstBadSequence, string? Problem, string TailHash = AuditHash.Genesis)
{
    public bool IsIntact => FirstBadSequence is null;
}

/// <summary>Walks the chain in order and reports the first event whose hash, link or position is wrong.</summary>
public sealed class AuditChainVerifier(IDbContextFactory<PortalDbContext> dbFactory)
{
    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) =>
        VerifyAfterAsync(0, AuditHash.Genesis, cancellationToken);

    /// <summary>Only the events after one already trusted (an anchored one), so a checkpoint does not reread millions of rows.</summary>
    public async Task<AuditVerification> VerifyAfterAsync(long sequence, string hash, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var expectedSequence = sequence + 1;
        var previousHash = hash;
        var events = db.AuditEvents.AsNoTracking().Where(e => e.Sequence > sequence).OrderBy(e => e.Sequence);
        await foreach (var e in events.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var problem = e.Sequence != expectedSequence ? $"expected event {expectedSequence} but found {e.Sequence} (an event was removed)"
                : e.PreviousHash != previousHash ? "its link to the previous event is broken"
                : AuditHash.Compute(e) != e.Hash ? "its contents do not match its hash (the row was altered)"
                : null;
            if (problem is not null)
            {
                return new AuditVerification(expectedSequence - 1, Math.Min(e.Sequence, expectedSequence), problem, previousHash);
            }

            previousHash = e.Hash;
            expectedSequence++;
        }

        return new AuditVerification(expectedSequence - 1, null, null, previousHash);
    }
}
