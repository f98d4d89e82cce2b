using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Email.Templates;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Notifications;

/// <summary>
/// Assembles each opted-in person's weekly or monthly digest of what happened in their account once its period is over
/// (<see cref="DigestPeriod"/>). A batch at a time, each person's message and delivery row in one transaction, so a
/// restart carries on and nobody gets a period twice. Nothing happened, nothing is sent.
/// </summary>
internal sealed class DigestSender(
    IServiceScopeFactory scopeFactory, IServer server, IConfiguration configuration, IStringLocalizer<Strings> localizer, TimeProvider time, ILogger<DigestSender> logger) : RepeatingJob(time, logger)
{
    public const int BatchSize = 200;

    /// <summary>How many of the period's events a digest lists; it says how many there were in all.</summary>
    public const int Shown = 10;

    /// <summary>Off, the job does not run by itself (tests call <see cref="RunOnceAsync"/> on their own clock).</summary>
    public const string RunSetting = "Notifications:RunDigests";

    protected override bool Enabled => configuration.GetValue(RunSetting, true);

    protected override TimeSpan Interval => TimeSpan.FromMinutes(15);

    private static readonly DigestFrequency[] Frequencies = [DigestFrequency.Weekly, DigestFrequency.Monthly];

    /// <summary>One batch for each frequency whose latest period is due; returns how many people it covered.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var covered = 0;
        foreach (var frequency in Frequencies)
        {
            covered += await RunBatchAsync(DigestPeriod.LatestDue(frequency, Time.GetUtcNow()), cancellationToken);
        }

        return covered;
    }

    private async Task<int> RunBatchAsync(DigestPeriod period, CancellationToken cancellationToken)
    {
        await using var work = WorkScopes.BeginAsSystem(scopeFactory);
        var db = work.Db;
        var batch = await db.DigestAudience(period).Take(BatchSize).ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var activity = await db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectId != null && batch.Contains(e.SubjectId) && e.OccurredAt >= period.From && e.OccurredAt < period.To)
            .Select(e => new { UserId = e.SubjectId!, e.OccurredAt, e.Action })
            .ToListAsync(cancellationToken);
        var byPerson = activity.GroupBy(e => e.UserId).ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.OccurredAt).ToList());

        work.Links.UseBase(LinkBase());
        var mail = work.Mail;
        var activityLink = work.Links.To("account/activity", new Dictionary<string, string?>());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = Time.GetUtcNow().UtcDateTime;
        foreach (var userId in batch)
        {
            var events = byPerson.GetValueOrDefault(userId) ?? [];
            var sent = events.Count > 0 && await mail.AddAsync<DigestMessage>(db, userId, EmailCategory.Digest, () => DigestMessage.SubjectFor(period, localizer),
                new Dictionary<string, object?>
                {
                    [nameof(DigestMessage.Period)] = period,
                    [nameof(DigestMessage.Total)] = events.Count,
                    [nameof(DigestMessage.Events)] = events.Take(Shown).Select(e => new DigestLine(e.OccurredAt, e.Action)).ToList(),
                    [nameof(DigestMessage.ActivityLink)] = activityLink,
                });
            db.DigestDeliveries.Add(new DigestDelivery { UserId = userId, Period = period.Key, Sent = sent, CreatedAt = now });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            // Another instance covered some of these people first; nothing of this batch was saved.
            logger.LogInformation(exception, "A digest batch overlapped another instance's; it is picked up again.");
            return 0;
        }

        return batch.Count;
    }

    /// <summary>Links start at <c>Portal:BaseUrl</c> when set (PortalLinks prefers it); otherwise at the address this server listens on.</summary>
    private string LinkBase() => LinkHosts.ListeningAddress(server);
}
