namespace Portal.Web.Email;

/// <summary>Hands one message to the outside world; throws when it could not.</summary>
public interface IEmailTransport
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
