namespace Portal.Web.Features.Security;

/// <summary>
/// What the security page loads, as plain data the prerendered page hands to the interactive one. It holds no secret:
/// recovery codes and authenticator keys live on their own pages, and a session's id is a row's name, not a credential.
/// </summary>
public sealed record SecurityPageState(SecuritySummary Summary, SessionView[] Sessions, SignInAttemptView[] Recent, string TimeZoneId)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}
