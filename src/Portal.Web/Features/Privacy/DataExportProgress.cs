using Microsoft.EntityFrameworkCore;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Privacy;

/// <summary>
/// Records how far a copy has been prepared, so the person's page can show it. Reports arrive from the archive as it
/// writes; each is saved in order on a context of its own, and disposing waits for the last one.
/// </summary>
internal sealed class DataExportProgress(IServiceScopeFactory scopeFactory, Guid exportId, string leaseOwner) : IProgress<int>, IAsyncDisposable
{
    private readonly Lock gate = new();
    private Task saving = Task.CompletedTask;
    private int saved;

    public void Report(int value)
    {
        var percent = Math.Clamp(value, 0, 99); // 100 is written with the finished copy.
        lock (gate)
        {
            if (percent <= saved)
            {
                return;
            }

            saved = percent;
            saving = saving.ContinueWith(_ => SaveAsync(percent), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task last;
        lock (gate)
        {
            last = saving;
        }

        await last;
    }

    private async Task SaveAsync(int percent)
    {
        await using var work = WorkScopes.BeginAsSystem(scopeFactory);
        await work.Db.DataExports.Where(e => e.Id == exportId && e.LeaseOwner == leaseOwner)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Progress, percent));
    }
}
