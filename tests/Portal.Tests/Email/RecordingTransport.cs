using System.Collections.Concurrent;
using Portal.Web.Email;

namespace Portal.Tests.Email;

/// <summary>
/// Stands in for the mail server: records every attempt and every delivery, and runs <see cref="OnSend"/> mid-send
/// so a test can make the server fail, be slow, or let another instance poll while a message is in flight.
/// </summary>
public sealed class RecordingTransport : IEmailTransport
{
    private readonly ConcurrentQueue<Guid> _attempts = new();
    private readonly ConcurrentQueue<Guid> _delivered = new();

    /// <summary>Runs during each send; throwing makes the send fail.</summary>
    public Func<OutboxMessage, Task>? OnSend { get; set; }

    public IReadOnlyCollection<Guid> Attempts => _attempts;

    public IReadOnlyCollection<Guid> Delivered => _delivered;

    public int AttemptsFor(Guid id) => _attempts.Count(a => a == id);

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        _attempts.Enqueue(message.Id);

        // A real server answers later: let other deliveries interleave with this one.
        await Task.Yield();
        if (OnSend is { } step)
        {
            await step(message);
        }

        _delivered.Enqueue(message.Id);
    }
}
