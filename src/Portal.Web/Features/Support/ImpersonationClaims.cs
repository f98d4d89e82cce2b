using System.Globalization;
using System.Security.Claims;
using System.Text.Json;

namespace Portal.Web.Features.Support;

/// <summary>
/// What the cookie of an agent acting as a person carries besides the person's own claims: the actor, as RFC 8693's
/// <c>act</c> claim (<c>{"sub": "&lt;agent id&gt;"}</c>), the impersonation's id, when it ends and whether it is read-only.
/// </summary>
public static class ImpersonationClaims
{
    /// <summary>RFC 8693 §4.1: the party acting on behalf of the subject.</summary>
    public const string Actor = "act";

    public const string Session = "portal:imp";

    /// <summary>When the impersonation ends, in Unix seconds.</summary>
    public const string ExpiresAt = "portal:imp_exp";

    public const string ReadOnly = "portal:imp_ro";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Actor, Session, ExpiresAt, ReadOnly };

    public static IEnumerable<Claim> For(ImpersonationSession impersonation)
    {
        yield return new Claim(Actor, JsonSerializer.Serialize(new Dictionary<string, string> { ["sub"] = impersonation.AgentId }), "JSON");
        yield return new Claim(Session, impersonation.Id.ToString("D"));
        yield return new Claim(ExpiresAt, new DateTimeOffset(DateTime.SpecifyKind(impersonation.ExpiresAt, DateTimeKind.Utc)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        if (impersonation.ReadOnly)
        {
            yield return new Claim(ReadOnly, "true");
        }
    }

    public static bool IsImpersonated(this ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == Session);

    public static bool IsReadOnlyImpersonation(this ClaimsPrincipal principal) => principal.HasClaim(ReadOnly, "true");

    public static Guid? Impersonation(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirst(Session)?.Value, out var id) ? id : null;

    public static DateTimeOffset? ImpersonationEndsAt(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(ExpiresAt)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>The agent's user id from the <c>act</c> claim; null when nobody acts for the person.</summary>
    public static string? ImpersonatorId(this ClaimsPrincipal principal)
    {
        if (principal.FindFirst(Actor)?.Value is not { } json)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
