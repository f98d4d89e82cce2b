namespace Portal.Web.Email;

/// <summary>Delivers one webhook outbox message; throws when the receiver did not accept it, so the dispatcher retries.</summary>
public interface IWebhookTransport
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
