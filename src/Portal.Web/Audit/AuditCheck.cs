namespace Portal.Web.Audit;

public enum AuditCheckState
{
    Intact,
    ChainBroken,
    Truncated,
    Rewritten,
    AnchorMissing,
}

/// <summary>What verifying the chain against its anchor found, as one line for an operator.</summary>
public sealed record AuditCheck(AuditCheckState State, string Message)
{
    public bool IsIntact => State == AuditCheckState.Intact;
}
