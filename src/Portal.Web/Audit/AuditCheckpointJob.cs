using Microsoft.Extensions.Options;
using Portal.Web.Tenancy;

namespace Portal.Web.Audit;

/// <summary>Anchors the chain at start-up, every <c>Audit:CheckpointInterval</c> and whenever the signal says enough events arrived.</summary>
internal sealed class AuditCheckpointJob(
    IServiceScopeFactory scopeFactory,
    AuditCheckpointSignal signal,
    IOptions<AuditAnchorOptions> options,
    TimeProvider time,
    ILogger<AuditCheckpointJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunCheckpoints)
        {
            return;
        }

        Task? interval = null;
        Task? enoughEvents = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            await CheckpointAsync(stoppingToken);
            interval ??= Task.Delay(options.Value.CheckpointInterval, time, stoppingToken);
            enoughEvents ??= signal.WaitAsync(stoppingToken);
            var woke = await Task.WhenAny(interval, enoughEvents);
            if (woke == interval)
            {
                interval = null;
            }
            else
            {
                enoughEvents = null;
            }
        }
    }

    private async Task CheckpointAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var work = WorkScopes.BeginAsSystem(scopeFactory);
            await work.Checkpoints.CheckpointAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Anchoring the audit chain failed; it is tried again at the next checkpoint.");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }
}
