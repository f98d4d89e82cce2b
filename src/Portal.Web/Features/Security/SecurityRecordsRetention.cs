using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Security;

/// <summary>
/// Keeps security records only as long as they serve the person: sign-in attempts and finished sessions for 90 days,
/// a browser that has not signed in for 400 days (the device cookie's own lifetime) is forgotten. Deleting is
/// idempotent, so several instances may run it at once.
/// </summary>
internal sealed class SecurityRecordsRetention(IServiceScopeFactory scopeFactory, TimeProvider time, ILogger<SecurityRecordsRetention> logger)
    : BackgroundService
{
    public static readonly TimeSpan DeviceMemory = TimeSpan.FromDays(400);

    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        await using var work = WorkScopes.BeginAsSystem(scopeFactory);
        var db = work.Db;
        var now = time.GetUtcNow().UtcDateTime;
        var historyCutoff = now - SignInHistory.Kept;
        var deviceCutoff = now - DeviceMemory;
        return await db.SignInAttempts.Where(a => a.OccurredAt < historyCutoff).ExecuteDeleteAsync(cancellationToken)
            + await db.UserSessions.Where(s => s.CreatedAt < historyCutoff).ExecuteDeleteAsync(cancellationToken)
            + await db.KnownDevices.Where(d => d.LastSeenAt < deviceCutoff).ExecuteDeleteAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Purging old security records failed; it runs again in an hour.");
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
