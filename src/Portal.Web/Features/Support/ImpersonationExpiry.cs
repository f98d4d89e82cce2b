using Portal.Web.Tenancy;

namespace Portal.Web.Features.Support;

/// <summary>
/// Every minute, records the end of impersonations whose time ran out unused, so each one's end is in the audit log
/// even when the agent simply closed the browser. The cookie stops working at its end either way.
/// </summary>
internal sealed class ImpersonationExpiry(IServiceScopeFactory scopeFactory, TimeProvider time, ILogger<ImpersonationExpiry> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var work = WorkScopes.BeginAsSystem(scopeFactory);
                    await work.Impersonations.EndExpiredAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "Recording the end of expired impersonations failed; it runs again in a minute.");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping.
        }
    }
}
