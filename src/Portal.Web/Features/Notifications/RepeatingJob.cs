namespace Portal.Web.Features.Notifications;

/// <summary>
/// Background work done in batches: every <see cref="Interval"/> on the injected clock, <see cref="RunOnceAsync"/> is
/// called until a batch covers nothing. A failure is logged and the next tick tries again.
/// </summary>
internal abstract class RepeatingJob(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected abstract TimeSpan Interval { get; }

    /// <summary>False keeps the job from running by itself; tests call <see cref="RunOnceAsync"/> on their own clock.</summary>
    protected virtual bool Enabled => true;

    /// <summary>Does one batch; returns how many items it covered, 0 when there is nothing left for now.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken cancellationToken = default);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    while (await RunOnceAsync(stoppingToken) > 0)
                    {
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "{Job} failed; it is tried again at its next interval.", GetType().Name);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping.
        }
    }
}
