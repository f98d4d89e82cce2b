using System.Text.Json;

namespace Portal.Web.Email;

internal static class OutboxHeaders
{
    public static IReadOnlyDictionary<string, string> Read(OutboxMessage message) =>
        message.Headers is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(message.Headers)!;
}
