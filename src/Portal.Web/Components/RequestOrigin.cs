namespace Portal.Web.Components;

/// <summary>The browser's address and user agent, handed from the first request to the circuit for auditing.</summary>
public sealed record RequestOrigin(string? IpAddress, string? UserAgent);
