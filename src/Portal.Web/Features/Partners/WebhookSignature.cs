using System.Security.Cryptography;
using System.Text;

namespace Portal.Web.Features.Partners;

/// <summary>
/// Standard Webhooks signatures (standardwebhooks.com): HMAC-SHA256 over <c>id.timestamp.body</c> with the secret's
/// bytes, sent as <c>webhook-signature: v1,&lt;base64&gt;</c> beside <c>webhook-id</c> and <c>webhook-timestamp</c>, so a
/// partner can check who sent it, reject stale replays by the timestamp, and drop a retry it already took by the id.
/// </summary>
public static class WebhookSignature
{
    private const string Prefix = "whsec_";

    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(FormattableString.Invariant($"{id}.{timestamp}.{body}")));
        return "v1," + Convert.ToBase64String(hash);
    }
}
