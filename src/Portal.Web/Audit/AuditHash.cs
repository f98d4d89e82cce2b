using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Portal.Web.Audit;

/// <summary>The chain hash: SHA-256 over the previous hash and every field of the event, in a fixed encoding.</summary>
internal static class AuditHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(AuditEvent e)
    {
        string?[] fields =
        [
            e.PreviousHash,
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
            e.OrganisationId?.ToString("D"),
            e.ActorId,
            e.ImpersonatorId,
            e.SubjectId,
            e.Action,
            e.Target,
            e.IpAddress,
            e.UserAgent,
            e.CorrelationId,
            e.ChangedFields,
        ];
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(fields));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
