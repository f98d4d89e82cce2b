using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;

namespace Portal.Web.Features.Security;

public sealed record SignInAttemptView(Guid Id, DateTime OccurredAt, SignInOutcome Outcome, string Method, string Device, string? IpAddress, bool NewDevice);

/// <summary>A person's own sign-in attempts over the last 90 days, newest first, paged by (time, id).</summary>
public sealed class SignInHistory(IDbContextFactory<PortalDbContext> factory, TimeProvider time)
{
    public const int PageSize = 25;

    /// <summary>The most rows one question returns: the largest page the history offers, and one more that tells whether another follows.</summary>
    public const int MaxRows = 101;

    public static readonly TimeSpan Kept = TimeSpan.FromDays(90);

    /// <summary>The page after <paramref name="after"/> (the last row of the previous page), or the first page.</summary>
    public async Task<IReadOnlyList<SignInAttemptView>> PageAsync(
        string userId, SignInAttemptView? after = null, int size = PageSize, CancellationToken cancellationToken = default)
    {
        size = Math.Clamp(size, 1, MaxRows);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var since = time.GetUtcNow().UtcDateTime - Kept;
        var query = db.SignInAttempts.AsNoTracking().Where(a => a.UserId == userId && a.OccurredAt >= since);
        if (after is not null)
        {
            query = query.Where(a => a.OccurredAt < after.OccurredAt || (a.OccurredAt == after.OccurredAt && a.Id.CompareTo(after.Id) < 0));
        }

        return await query
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Take(size)
            .Select(a => new SignInAttemptView(a.Id, a.OccurredAt, a.Outcome, a.Method, a.Device, a.IpAddress, a.NewDevice))
            .ToListAsync(cancellationToken);
    }
}
