namespace Portal.Web.Audit;

/// <summary>Where the current operation comes from: filled per request by middleware, per circuit by the router.</summary>
public sealed class AuditOrigin
{
    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    public string? CorrelationId { get; set; }

    public string? ImpersonatorId { get; set; }
}
