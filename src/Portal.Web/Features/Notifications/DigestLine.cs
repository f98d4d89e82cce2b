namespace Portal.Web.Features.Notifications;

/// <summary>One event in a digest: when it happened (UTC) and its audit action code.</summary>
public sealed record DigestLine(DateTime OccurredAt, string Action);
