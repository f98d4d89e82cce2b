using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Email.Templates;
using Portal.Web.Features.Notifications;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Privacy;

/// <summary>
/// Prepares requested copies one at a time under a lease (so several instances never prepare the same one), records
/// progress as it goes, emails the person when it is ready, and deletes copies nobody downloaded within
/// <see cref="DataExport.ReadyFor"/>. A copy that fails three times is marked failed and may be asked for again.
/// </summary>
internal sealed class DataExportJob(IServiceScopeFactory scopeFactory, IServer server, IConfiguration configuration, IStringLocalizer<Strings> localizer,
    TimeProvider time, ILogger<DataExportJob> logger) : RepeatingJob(time, logger)
{
    public const string RunSetting = "Privacy:RunExports";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private const int MaxAttempts = 3;
    private readonly string owner = Guid.NewGuid().ToString("N");

    protected override bool Enabled => configuration.GetValue(RunSetting, true);

    protected override TimeSpan Interval => TimeSpan.FromSeconds(2);

    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var expired = await ExpireAsync(cancellationToken);
        return expired + (await PrepareNextAsync(cancellationToken) ? 1 : 0);
    }

    private async Task<bool> PrepareNextAsync(CancellationToken cancellationToken)
    {
        var export = await TakeAsync(cancellationToken);
        if (export is null)
        {
            return false;
        }

        try
        {
            await PrepareAsync(export, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Preparing data export {Export} failed (attempt {Attempt}).", export.Id, export.Attempts);
            await using var work = WorkScopes.BeginAsSystem(scopeFactory);
            await work.Db.DataExports.Where(e => e.Id == export.Id && e.LeaseOwner == owner)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.Status, export.Attempts >= MaxAttempts ? DataExportStatus.Failed : DataExportStatus.Queued)
                    .SetProperty(e => e.Progress, 0)
                    .SetProperty(e => e.LeaseOwner, (string?)null)
                    .SetProperty(e => e.LeaseExpiresAt, (DateTime?)null), CancellationToken.None);
        }

        return true;
    }

    private async Task<DataExport?> TakeAsync(CancellationToken cancellationToken)
    {
        await using var work = WorkScopes.BeginAsSystem(scopeFactory);
        var db = work.Db;
        var now = Now;
        var candidate = await Due(db, now).OrderBy(e => e.RequestedAt).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken);
        if (candidate is not { } id)
        {
            return null;
        }

        var until = now + Lease;
        var taken = await Due(db, now).Where(e => e.Id == id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, DataExportStatus.Preparing)
                .SetProperty(e => e.LeaseOwner, owner)
                .SetProperty(e => e.LeaseExpiresAt, until)
                .SetProperty(e => e.Attempts, e => e.Attempts + 1), cancellationToken);
        return taken == 1 ? await db.DataExports.AsNoTracking().SingleAsync(e => e.Id == id, cancellationToken) : null;
    }

    private static IQueryable<DataExport> Due(PortalDbContext db, DateTime now) =>
        db.DataExports.Where(e => e.Status == DataExportStatus.Queued || (e.Status == DataExportStatus.Preparing && e.LeaseExpiresAt < now));

    private async Task PrepareAsync(DataExport export, CancellationToken cancellationToken)
    {
        await using var work = WorkScopes.BeginAsSystem(scopeFactory);
        var db = work.Db;
        using var entered = await TenantClaims.FindOrganisationAsync(db, export.UserId) is { } organisation ? work.Enter(organisation) : null;
        await using var progress = new DataExportProgress(scopeFactory, export.Id, owner);
        using var archive = new MemoryStream();
        await work.Archive.WriteAsync(db, export.UserId, archive, progress, cancellationToken);
        await progress.DisposeAsync();
        var content = archive.ToArray();

        var now = Now;
        var expiresAt = now + DataExport.ReadyFor;
        var row = await db.DataExports.SingleAsync(e => e.Id == export.Id, cancellationToken);
        if (row.LeaseOwner != owner)
        {
            return; // Another instance took it over after this lease ran out; its copy counts.
        }

        row.Status = DataExportStatus.Ready;
        row.Progress = 100;
        row.ReadyAt = now;
        row.ExpiresAt = expiresAt;
        row.SizeBytes = content.LongLength;
        row.Sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        row.LeaseOwner = null;
        row.LeaseExpiresAt = null;
        db.DataExportFiles.Add(new DataExportFile { ExportId = export.Id, Content = content });
        work.Links.UseBase(LinkHosts.ListeningAddress(server));
        var name = await db.Users.Where(u => u.Id == export.UserId).Select(u => u.FirstName).SingleAsync(cancellationToken);
        await work.Mail.AddAsync<DataExportReadyMessage>(db, export.UserId, EmailCategory.AccountSecurity, () => localizer["DataExport_EmailSubject"],
            new Dictionary<string, object?>
            {
                [nameof(DataExportReadyMessage.Name)] = name,
                [nameof(DataExportReadyMessage.ExpiresAt)] = expiresAt,
                [nameof(DataExportReadyMessage.Link)] = work.Links.To("account/privacy", new Dictionary<string, string?>()),
            });
        await work.Audit.AppendAsync(db, new AuditRecord(AuditActions.DataExported, SubjectId: export.UserId, Target: $"{content.LongLength} bytes"), cancellationToken);
    }

    /// <summary>Copies not downloaded in time are deleted; each deletion is audited for its person.</summary>
    private async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        await using var work = WorkScopes.BeginAsSystem(scopeFactory);
        var db = work.Db;
        var now = Now;
        var expired = await db.DataExports.Where(e => e.Status == DataExportStatus.Ready && e.ExpiresAt <= now).OrderBy(e => e.ExpiresAt).Take(100).ToListAsync(cancellationToken);
        if (expired.Count == 0)
        {
            return 0;
        }

        var ids = expired.Select(e => e.Id).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.DataExportFiles.Where(f => ids.Contains(f.ExportId)).ExecuteDeleteAsync(cancellationToken);
        foreach (var export in expired)
        {
            export.Status = DataExportStatus.Expired;
        }

        await work.Audit.AppendManyAsync(db, [.. expired.Select(e => new AuditRecord(AuditActions.DataExportExpired, SubjectId: e.UserId))], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return expired.Count;
    }

    private DateTime Now => Time.GetUtcNow().UtcDateTime;
}
