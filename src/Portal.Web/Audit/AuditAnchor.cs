using System.Globalization;
using System.Text;

namespace Portal.Web.Audit;

/// <summary>A signed statement that the chain reached <see cref="Sequence"/> with <see cref="Hash"/> at <see cref="AnchoredAt"/>.</summary>
public sealed record AuditAnchor(long Sequence, string Hash, DateTime AnchoredAt, string Signature)
{
    /// <summary>The bytes the signature covers; a version prefix keeps a later format from being confused with this one.</summary>
    public byte[] SignedBytes() => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"portal-audit-anchor/v1\n{Sequence}\n{Hash}\n{AnchoredAt:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}"));
}
