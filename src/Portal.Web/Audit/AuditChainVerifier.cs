using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;

namespace Portal.Web.Audit;

public sealed record AuditVerification(long EventsChecked, long? FirstBadSequence, string? Problem)
{
    public bool IsIntact => FirstBadSequence is null;
}

/// <summary>Walks the whole chain in order and reports the first event whose hash, link or position is wrong.</summary>
public sealed class AuditChainVerifier(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        long expectedSequence = 1;
        var previousHash = AuditHash.Genesis;
        await foreach (var e in db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var problem = e.Sequence != expectedSequence ? $"expected event {expectedSequence} but found {e.Sequence} (an event was removed)"
                : e.PreviousHash != previousHash ? "its link to the previous event is broken"
                : AuditHash.Compute(e) != e.Hash ? "its contents do not match its hash (the row was altered)"
                : null;
            if (problem is not null)
            {
                return new AuditVerification(expectedSequence - 1, Math.Min(e.Sequence, expectedSequence), problem);
            }

            previousHash = e.Hash;
            expectedSequence++;
        }

        return new AuditVerification(expectedSequence - 1, null, null);
    }
}
