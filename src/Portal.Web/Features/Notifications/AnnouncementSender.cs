using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Email.Templates;
using Portal.Web.Features.Shared;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Notifications;

/// <summary>
/// Works through queued announcements a batch at a time. Each recipient's message and their delivery row are saved in
/// one transaction, and the row's key is the announcement and the person, so a restart carries on where it stopped and
/// two instances racing for the same people cannot both send: the second one's save fails and it moves on.
/// </summary>
internal sealed class AnnouncementSender(IServiceScopeFactory scopeFactory, TimeProvider time, ILogger<AnnouncementSender> logger) : RepeatingJob(time, logger)
{
    public const int BatchSize = 200;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(2);

    /// <summary>Sends one batch of the oldest unfinished announcement; returns how many people it covered.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var work = WorkScopes.BeginAsSystem(scopeFactory);
        var db = work.Db;
        var announcement = await db.Announcements.AsNoTracking()
            .Where(a => a.QueuedAt != null && a.CompletedAt == null)
            .OrderBy(a => a.QueuedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (announcement is null)
        {
            return 0;
        }

        var done = db.AnnouncementDeliveries.Where(d => d.AnnouncementId == announcement.Id);
        var batch = await db.AnnouncementAudience(announcement)
            .Where(userId => !done.Any(d => d.UserId == userId))
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            await CompleteAsync(work, announcement, cancellationToken);
            return 0;
        }

        work.Links.UseBase(announcement.LinkBase);
        var mail = work.Mail;
        var html = MarkdownRenderer.ToHtml(announcement.Body);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var userId in batch)
        {
            var sent = await mail.AddAsync<AnnouncementMessage>(db, userId, announcement.Category, () => announcement.Subject,
                new Dictionary<string, object?> { [nameof(AnnouncementMessage.Html)] = html });
            db.AnnouncementDeliveries.Add(new AnnouncementDelivery { AnnouncementId = announcement.Id, UserId = userId, Sent = sent });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            // Another instance sent to some of these people first; nothing of this batch was saved.
            logger.LogInformation(exception, "An announcement batch overlapped another instance's; it is picked up again.");
            return 0;
        }

        return batch.Count;
    }

    private async Task CompleteAsync(WorkScope work, Announcement announcement, CancellationToken cancellationToken)
    {
        var db = work.Db;
        var completed = await db.Announcements.Where(a => a.Id == announcement.Id && a.CompletedAt == null)
            .ExecuteUpdateAsync(update => update.SetProperty(a => a.CompletedAt, Time.GetUtcNow().UtcDateTime), cancellationToken);
        if (completed == 1)
        {
            var sent = await db.AnnouncementDeliveries.CountAsync(d => d.AnnouncementId == announcement.Id && d.Sent, cancellationToken);
            await work.Audit.AppendAsync(db, new AuditRecord(AuditActions.AnnouncementSent,
                OrganisationId: announcement.OrganisationId, ActorId: announcement.CreatedById, Target: $"{announcement.Subject} ({sent} sent)"), cancellationToken);
        }
    }
}
