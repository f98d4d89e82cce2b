using Microsoft.Extensions.Options;

namespace Portal.Web.Email;

/// <summary>Runs <see cref="OutboxDelivery"/> in the background until the app stops.</summary>
internal sealed class OutboxDispatcher(OutboxDelivery delivery, IOptions<EmailOptions> options, TimeProvider time, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunDispatcher)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await delivery.DeliverDueAsync(stoppingToken) > 0)
                {
                    continue;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "The email dispatcher failed; it will try again.");
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
