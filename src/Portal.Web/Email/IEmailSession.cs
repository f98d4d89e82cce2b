namespace Portal.Web.Email;

/// <summary>Messages sent one after another, never two at once; throws for a message that could not be sent.</summary>
public interface IEmailSession : IAsyncDisposable
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
