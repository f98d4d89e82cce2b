namespace Portal.Web.Email;

/// <summary>Hands one message to the outside world; throws when it could not.</summary>
public interface IEmailTransport
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// A session for a run of messages sent one after another, disposed when the run ends: a transport that connects
    /// to a server keeps one connection for the whole session. By default each message is sent on its own.
    /// </summary>
    IEmailSession OpenSession() => new OneAtATime(this);

    private sealed class OneAtATime(IEmailTransport transport) : IEmailSession
    {
        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) => transport.SendAsync(message, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
