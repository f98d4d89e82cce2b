namespace Portal.Web.Features.Partners;

/// <summary>
/// A business Portal runs co-branded registration with (<c>/join/{slug}</c>). The join page names it as collecting the
/// information with Portal and links its privacy statement; people who register there carry its id
/// (<c>PortalUser.PartnerId</c>), and when they opt out of promotions the partner is told at <see cref="WebhookUrl"/>
/// so it stops its own messages too. Platform-wide, like organisations; configured by PlatformAdmins and never deleted,
/// only switched off, so every recorded id keeps its partner.
/// </summary>
public sealed class Partner
{
    public Guid Id { get; set; }

    /// <summary>The join address's last part; fixed once created, because links to it are out in the world.</summary>
    public string Slug { get; set; } = "";

    public string Name { get; set; } = "";

    public string PrivacyPolicyUrl { get; set; } = "";

    public string WebhookUrl { get; set; } = "";

    /// <summary>Signs each webhook (Standard Webhooks: <c>whsec_</c> and base64 of 32 random bytes).</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Off, the join page answers 404; people already registered through it are still told of opt-outs.</summary>
    public bool Active { get; set; } = true;

    public DateTime CreatedAt { get; set; }
}
