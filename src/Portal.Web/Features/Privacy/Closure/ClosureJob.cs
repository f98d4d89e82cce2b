using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Web.Audit;
using Portal.Web.Email;
using Portal.Web.Features.Notifications;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Privacy;

/// <summary>
/// Reminds people <see cref="ClosureOptions.ReminderBefore"/> before their closed account is deleted, and deletes the
/// accounts whose grace period has ended (<see cref="AccountPurge"/>). Deletion takes a batch under a lease, so
/// several instances never delete the same account twice and a crashed instance's batch is taken up once its lease
/// ends; each account's deletion is one audit event, with Portal as the actor.
/// </summary>
internal sealed class ClosureJob(IServiceScopeFactory scopeFactory, IServer server, IConfiguration configuration, ReopenCodes codes,
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection,
    IStringLocalizer<Strings> localizer, TimeProvider time, ILogger<ClosureJob> logger) : RepeatingJob(time, logger)
{
    public const string RunSetting = "Privacy:RunClosures";
    public const int Batch = 500;
    private const int ReminderBatch = 100;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private readonly string owner = Guid.NewGuid().ToString("N");

    protected override bool Enabled => configuration.GetValue(RunSetting, true);

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken = default) =>
        await RemindAsync(cancellationToken) + await PurgeAsync(cancellationToken) + await ReleaseArchivesAsync(cancellationToken);

    private async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        await using var work = WorkScopes.BeginAsSystem(scopeFactory);
        var db = work.Db;
        work.Links.UseBase(LinkHosts.ListeningAddress(server));
        var now = Now;
        var soon = now + ClosureOptions.ReminderBefore;
        var due = await db.ClosuresOfEveryOrganisation().AsNoTracking()
            .Where(c => c.Status == ClosureStatus.Closing && c.ReminderSentAt == null && c.DeleteAfter <= soon && c.DeleteAfter > now)
            .OrderBy(c => c.DeleteAfter).Take(ReminderBatch).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var closure in due)
        {
            using var entered = work.Enter(closure.TenantId);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.AccountClosures.Where(c => c.Id == closure.Id && c.ReminderSentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReminderSentAt, now), cancellationToken);
            var person = await db.Users.AsNoTracking().Where(u => u.Id == closure.UserId).Select(u => new { u.Email, u.FirstName }).FirstOrDefaultAsync(cancellationToken);
            if (claimed == 0 || person?.Email is null)
            {
                continue;
            }

            var deleteOn = ClosureSteps.Day(closure.DeleteAfter!.Value);
            if (closure.ByAdministrator)
            {
                await work.Notices.AddAsync(db, person.Email, person.FirstName, localizer["Closure_ReminderSubject", deleteOn],
                    [localizer["Closure_ReminderBody", deleteOn], localizer["Closure_AskAdministrator"]]);
            }
            else
            {
                await work.Notices.AddAsync(db, person.Email, person.FirstName, localizer["Closure_ReminderSubject", deleteOn],
                    [localizer["Closure_ReminderBody", deleteOn], localizer["Closure_ReopenUntil", deleteOn]],
                    localizer["Closure_ReopenButton"], ClosureSteps.ReopenLink(work, codes, closure));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            sent++;
        }

        return sent;
    }

    private async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var work = WorkScopes.BeginAsSystem(scopeFactory);
        var db = work.Db;
        var now = Now;
        var candidates = await Due(work, now).OrderBy(c => c.DeleteAfter).Select(c => c.Id).Take(Batch).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        var until = now + Lease;
        await Due(work, now).Where(c => candidates.Contains(c.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseOwner, owner).SetProperty(c => c.LeaseExpiresAt, until), cancellationToken);
        var mine = await db.ClosuresOfEveryOrganisation().AsNoTracking()
            .Where(c => c.LeaseOwner == owner && candidates.Contains(c.Id))
            .Select(c => new { c.TenantId, c.UserId }).ToListAsync(cancellationToken);
        foreach (var organisation in mine.GroupBy(c => c.TenantId))
        {
            using var entered = work.Enter(organisation.Key);
            var userIds = organisation.Select(c => c.UserId).Distinct().ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var held = await ArchiveHeldAsync(work, userIds, now, cancellationToken);
            await AccountPurge.PurgeAsync(db, userIds, now, cancellationToken);
            await AccountPurge.RemoveIfEmptyAsync(db, organisation.Key, cancellationToken);
            await work.Audit.AppendManyAsync(db, [
                .. held.Select(id => LegalHolds.Event(AuditActions.AccountArchived, id)),
                .. userIds.Select(id => new AuditRecord(AuditActions.AccountDeleted, SubjectId: id, OrganisationId: organisation.Key))], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return mine.Count;
    }

    /// <summary>Seals the archive of each account a legal hold keeps, before its live data goes; returns their ids.</summary>
    private async Task<List<string>> ArchiveHeldAsync(WorkScope work, List<string> userIds, DateTime now, CancellationToken cancellationToken)
    {
        var db = work.Db;
        var held = await LegalHolds.InForce(db, now).Where(h => userIds.Contains(h.UserId)).Select(h => h.UserId).Distinct().ToListAsync(cancellationToken);
        foreach (var userId in held)
        {
            using var archive = new MemoryStream();
            await work.Archive.WriteAsync(db, userId, archive, progress: null, cancellationToken);
            var sealedArchive = HeldArchives.Seal(protection, archive.ToArray());
            db.HeldArchives.Add(new HeldArchive { Id = Guid.CreateVersion7(), UserId = userId, ArchivedAt = now, SizeBytes = sealedArchive.LongLength, Content = sealedArchive });
        }

        await db.SaveChangesAsync(cancellationToken);
        return held;
    }

    /// <summary>Deletes the archives no legal hold keeps any more, with what is left of their holds.</summary>
    private async Task<int> ReleaseArchivesAsync(CancellationToken cancellationToken)
    {
        await using var work = WorkScopes.BeginAsSystem(scopeFactory);
        var db = work.Db;
        var now = Now;
        var released = await db.HeldArchives.Where(a => !LegalHolds.InForce(db, now).Any(h => h.UserId == a.UserId))
            .Select(a => a.UserId).Distinct().Take(Batch).ToListAsync(cancellationToken);
        if (released.Count == 0)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.HeldArchives.Where(a => released.Contains(a.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.LegalHolds.Where(h => released.Contains(h.UserId)).ExecuteDeleteAsync(cancellationToken);
        await work.Audit.AppendManyAsync(db, [.. released.Select(id => LegalHolds.Event(AuditActions.ArchiveDeleted, id))], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return released.Count;
    }

    /// <summary>Closures whose grace period has ended and that no other instance is deleting now.</summary>
    private static IQueryable<AccountClosure> Due(WorkScope work, DateTime now) =>
        work.Db.ClosuresOfEveryOrganisation()
            .Where(c => c.Status == ClosureStatus.Closing && c.DeleteAfter <= now && (c.LeaseOwner == null || c.LeaseExpiresAt < now));

    private DateTime Now => Time.GetUtcNow().UtcDateTime;
}
