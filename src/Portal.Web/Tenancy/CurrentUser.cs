using System.Security.Claims;

namespace Portal.Web.Tenancy;

/// <summary>
/// The signed-in principal for this scope: set per request by <see cref="CurrentUserMiddleware"/> and per circuit
/// by <see cref="CurrentUserCircuitHandler"/>, so services never reach for HttpContext.
/// </summary>
public sealed class CurrentUser
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    public ClaimsPrincipal Principal { get; set; } = Anonymous;

    public string? UserId => Principal.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The organisation the person acts in now (rebuilt with their claims, so a move shows within a minute).</summary>
    public Guid? OrganisationId => Guid.TryParse(Principal.FindFirstValue(PortalClaims.TenantId), out var id) ? id : null;

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;
}
