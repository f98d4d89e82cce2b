namespace Portal.Web.Audit;

/// <summary>
/// One state change to an account, append-only and hash-chained: <see cref="Hash"/> covers every field and the
/// previous event's hash, so altering or removing a row breaks the chain at that row.
/// Audit events span organisations (platform staff read them all), so they carry <see cref="OrganisationId"/>
/// rather than being tenant-owned rows; organisation views read them through AuditLog, which scopes them.
/// </summary>
public sealed class AuditEvent
{
    public long Sequence { get; set; }

    public DateTime OccurredAt { get; set; }

    public Guid? OrganisationId { get; set; }

    public string? ActorId { get; set; }

    public string? ImpersonatorId { get; set; }

    public string? SubjectId { get; set; }

    public string Action { get; set; } = "";

    public string? Target { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    public string? CorrelationId { get; set; }

    /// <summary>Names of the fields that changed, comma-separated; never their values when they are secrets.</summary>
    public string? ChangedFields { get; set; }

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";
}
