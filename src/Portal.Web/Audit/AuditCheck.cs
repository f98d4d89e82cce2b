namespace Portal.Web.Audit;

public enum AuditCheckState
{
    Intact,
    ChainBroken,
    Truncated,
    Rewritten,
    AnchorMissing,
}

/// <summary>
/// What verifying the chain against its anchor found, as one line for an operator. <see cref="Events"/> is where the
/// log ends, <see cref="Anchored"/> the event the anchor names; <see cref="Chain"/> says where a broken chain breaks.
/// </summary>
public sealed record AuditCheck(AuditCheckState State, string Message, long Events, long Anchored = 0, AuditVerification? Chain = null)
{
    public bool IsIntact => State == AuditCheckState.Intact;
}
