using System.Text.Json;
using Portal.Web.Data;

namespace Portal.Web.Email;

/// <summary>
/// The only way business code sends mail: the message is added to the caller's context and saved in the caller's
/// transaction; the dispatcher delivers it later. A message whose headers would not be one line each is refused here
/// (<see cref="MailHeaderRules"/>), never queued to fail at delivery.
/// </summary>
public sealed class Outbox(TimeProvider time)
{
    /// <exception cref="ArgumentException">The recipient, subject or an extra header holds a line break or another control character, or is not what it should be.</exception>
    public OutboxMessage Add(PortalDbContext db, string to, RenderedEmail email, EmailCategory category, IReadOnlyDictionary<string, string>? headers = null, Guid? id = null)
    {
        MailHeaderRules.EnsureValid(to, email.Subject, headers);
        var now = time.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            Id = id ?? Guid.CreateVersion7(),
            To = to,
            Subject = email.Subject,
            HtmlBody = email.Html,
            TextBody = email.Text,
            Headers = headers is { Count: > 0 } ? JsonSerializer.Serialize(headers) : null,
            Category = category,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>A webhook to a partner, saved in the caller's transaction like mail and delivered with the same retries.</summary>
    public OutboxMessage AddWebhook(PortalDbContext db, string partnerSlug, string eventType, string json, EmailCategory category)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Kind = OutboxKind.Webhook,
            To = partnerSlug,
            Subject = eventType,
            HtmlBody = "",
            TextBody = json,
            Category = category,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }
}
