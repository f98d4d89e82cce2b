using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Web.Data;
using Portal.Web.Email;

namespace Portal.Web.Features.Organisations;

/// <summary>
/// How much mail one organisation may send in an hour (<c>RateLimits:OrganisationMailsPerHour</c>), so the portal cannot
/// be used to mail strangers in bulk. It counts rows, not memory, so every instance agrees: the organisation's outbox
/// messages of the last hour, and the recipients of announcements its people queued in that hour.
/// </summary>
public sealed class OrganisationSendingLimit(IOptions<RateLimitOptions> options, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public int PerHour => options.Value.OrganisationMailsPerHour;

    /// <summary>
    /// Marks the messages this context is about to add as the organisation's, and says whether they, and
    /// <paramref name="alsoQueued"/> announcement recipients, fit in its hour. When they do not, the caller saves nothing.
    /// </summary>
    public async Task<bool> AllowsAsync(PortalDbContext db, Guid organisationId, int alsoQueued = 0, CancellationToken cancellationToken = default)
    {
        var adding = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        foreach (var message in adding.Where(m => m.OrganisationId is null))
        {
            message.OrganisationId = organisationId;
        }

        var count = adding.Count(m => m.OrganisationId == organisationId) + alsoQueued;
        if (count == 0)
        {
            return true;
        }

        var since = time.GetUtcNow().UtcDateTime - Window;
        var sent = await db.OutboxMessages.CountAsync(m => m.OrganisationId == organisationId && m.CreatedAt > since, cancellationToken);
        var announced = await db.Announcements.Where(a => a.OrganisationId == organisationId && a.QueuedAt > since).SumAsync(a => a.Expected, cancellationToken);
        return sent + announced + count <= PerHour;
    }
}
