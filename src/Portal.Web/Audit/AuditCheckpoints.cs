using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;

namespace Portal.Web.Audit;

/// <summary>
/// Compares the chain with its signed anchor and, when they agree, anchors the chain's current end: in the anchor
/// file and in a structured log line, both out of the database's reach. A chain that disagrees is never re-anchored,
/// so the evidence of deleted or rewritten events stays until someone looks.
/// </summary>
public sealed class AuditCheckpoints(
    AuditChainVerifier verifier,
    IDbContextFactory<PortalDbContext> dbFactory,
    AuditAnchorFile anchorFile,
    AuditAnchorKey key,
    TimeProvider time,
    ILogger<AuditCheckpoints> logger)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly EventId Checkpoint = new(7100, "AuditCheckpoint");
    private static readonly EventId Tampering = new(7101, "AuditTampering");

    /// <summary>The whole chain, then the anchor (<c>audit verify</c>); an intact chain is anchored anew.</summary>
    public async Task<AuditCheck> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            var chain = await verifier.VerifyAsync(cancellationToken);
            if (!chain.IsIntact)
            {
                return Broken(chain);
            }

            var (anchor, problem) = await CompareWithAnchorAsync(cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            if (anchor is null && chain.EventsChecked > 0)
            {
                return new(AuditCheckState.AnchorMissing,
                    $"Audit anchor missing: {anchorFile.Path} does not exist, yet the log holds {chain.EventsChecked} events.", chain.EventsChecked);
            }

            await AnchorAsync(chain, cancellationToken);
            return new(AuditCheckState.Intact, $"Audit chain intact: {chain.EventsChecked} events verified and anchored.", chain.EventsChecked, chain.EventsChecked);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// The periodic checkpoint: only events after the anchor are walked. A missing anchor (a first start, or a deleted
    /// file) is created after the whole chain is verified, with a warning in the log.
    /// </summary>
    public async Task<AuditCheck> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            var (anchor, problem) = await CompareWithAnchorAsync(cancellationToken);
            if (problem is not null)
            {
                return Refused(problem);
            }

            var chain = anchor is null
                ? await verifier.VerifyAsync(cancellationToken)
                : await verifier.VerifyAfterAsync(anchor.Sequence, anchor.Hash, cancellationToken);
            if (!chain.IsIntact)
            {
                return Refused(Broken(chain));
            }

            if (anchor is null && chain.EventsChecked > 0)
            {
                logger.LogWarning(Tampering, "No audit anchor at {AnchorFile}; anchoring the chain as it stands at event {AuditSequence}.",
                    anchorFile.Path, chain.EventsChecked);
            }

            if (anchor is null || chain.EventsChecked > anchor.Sequence)
            {
                await AnchorAsync(chain, cancellationToken);
            }

            return new(AuditCheckState.Intact, $"Audit chain intact through event {chain.EventsChecked}.", chain.EventsChecked, chain.EventsChecked);
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<(AuditAnchor? Anchor, AuditCheck? Problem)> CompareWithAnchorAsync(CancellationToken cancellationToken)
    {
        AuditAnchor? anchor;
        try
        {
            anchor = await anchorFile.ReadAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return (null, new(AuditCheckState.Rewritten, $"Audit history rewritten: {anchorFile.Path} is not a readable anchor.", 0));
        }

        if (anchor is null)
        {
            return (null, null);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tail = await db.AuditEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        if (!key.HasSigned(anchor))
        {
            return (anchor, new(AuditCheckState.Rewritten,
                $"Audit history rewritten: the signature in {anchorFile.Path} does not match the anchor key (the file was altered or signed with another key).",
                tail, anchor.Sequence));
        }

        if (anchor.Sequence > tail)
        {
            return (anchor, new(AuditCheckState.Truncated,
                $"Audit log truncated: the anchor of {anchor.AnchoredAt:u} records event {anchor.Sequence}, but the log ends at event {tail} ({anchor.Sequence - tail} newest events deleted).", tail, anchor.Sequence));
        }

        var hash = anchor.Sequence == 0 ? AuditHash.Genesis
            : await db.AuditEvents.Where(e => e.Sequence == anchor.Sequence).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken);
        return hash == anchor.Hash ? (anchor, null)
            : (anchor, new(AuditCheckState.Rewritten, $"Audit history rewritten: event {anchor.Sequence} no longer has the hash anchored at {anchor.AnchoredAt:u}.", tail, anchor.Sequence));
    }

    private async Task AnchorAsync(AuditVerification chain, CancellationToken cancellationToken)
    {
        var anchor = key.Sign(chain.EventsChecked, chain.TailHash, time.GetUtcNow().UtcDateTime);
        await anchorFile.WriteAsync(anchor, cancellationToken);
        logger.LogInformation(Checkpoint, "Audit checkpoint: event {AuditSequence} has hash {AuditHash}; signed {AuditAnchorSignature} in {AnchorFile}.",
            anchor.Sequence, anchor.Hash, anchor.Signature, anchorFile.Path);
    }

    private AuditCheck Refused(AuditCheck problem)
    {
        logger.LogError(Tampering, "Audit checkpoint refused: {AuditProblem}", problem.Message);
        return problem;
    }

    private static AuditCheck Broken(AuditVerification chain) =>
        new(AuditCheckState.ChainBroken, $"Audit chain broken at event {chain.FirstBadSequence}: {chain.Problem}.", chain.EventsChecked, Chain: chain);
}
