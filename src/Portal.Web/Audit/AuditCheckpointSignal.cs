using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Portal.Web.Audit;

/// <summary>Wakes the checkpoint job each time the chain grows past another <c>Audit:CheckpointEvery</c> events.</summary>
public sealed class AuditCheckpointSignal(IOptions<AuditAnchorOptions> options)
{
    private readonly Channel<bool> _due = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Appended(long lastBefore, long lastAfter)
    {
        var every = Math.Max(1, options.Value.CheckpointEvery);
        if (lastAfter / every > lastBefore / every)
        {
            _due.Writer.TryWrite(true);
        }
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _due.Reader.ReadAsync(cancellationToken);
    }
}
