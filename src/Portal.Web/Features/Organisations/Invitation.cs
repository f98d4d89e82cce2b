using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

/// <summary>
/// An invitation to join an organisation, sent to an email address. Only the SHA-256 of its link's token is stored;
/// sending it again replaces the token, so an older link stops working.
/// </summary>
public sealed class Invitation : ITenantOwned
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public string Email { get; set; } = "";

    /// <summary>Upper-cased like Identity's normalized email, to find an address however it was typed.</summary>
    public string NormalizedEmail { get; set; } = "";

    public OrganisationRole Role { get; set; }

    public string TokenHash { get; set; } = "";

    public string InvitedById { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime SentAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? AcceptedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public bool IsPending(DateTime now) => AcceptedAt is null && RevokedAt is null && ExpiresAt > now;
}
