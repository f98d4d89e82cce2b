namespace Portal.Web.Features.Partners;

public sealed class PartnerOptions
{
    public const string Section = "Partners";

    /// <summary>
    /// Lets webhooks go to loopback and private networks (a partner's test receiver on this machine). Honoured in
    /// Development only: anywhere else a webhook reaches public addresses alone.
    /// </summary>
    public bool AllowPrivateWebhookAddresses { get; set; }
}
