namespace Portal.Web.Features.Notifications;

/// <summary>
/// One person's digest for one period (<see cref="DigestPeriod.Key"/>). Its key is the pair, written with the message,
/// so nobody gets the same period twice, and a restart carries on with those not yet covered.
/// </summary>
public sealed class DigestDelivery
{
    public string UserId { get; set; } = "";

    public string Period { get; set; } = "";

    /// <summary>False when nothing happened in the period: an empty digest is not sent.</summary>
    public bool Sent { get; set; }

    public DateTime CreatedAt { get; set; }
}
