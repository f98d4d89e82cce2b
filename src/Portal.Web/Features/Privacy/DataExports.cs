using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Features.Security;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Privacy;

public enum DataExportRequestOutcome
{
    Queued,
    NotRecentlySignedIn,
    TooSoon,
    AlreadyInProgress,
}

/// <summary>What the person sees of their latest copy, and when they may ask for another.</summary>
public sealed record DataExportView(
    Guid? Id, DataExportStatus? Status, int Progress, DateTime? RequestedAt, DateTime? ExpiresAt, long? SizeBytes, string? Sha256,
    DateTime? NextAllowedAt, bool RecentlySignedIn)
{
    public bool InProgress => Status is DataExportStatus.Queued or DataExportStatus.Preparing;

    public bool Ready => Status == DataExportStatus.Ready;
}

public sealed record DataExportRequestResult(DataExportRequestOutcome Outcome, DateTime? NextAllowedAt = null);

/// <summary>A downloaded copy: the archive's bytes and the name the browser saves it under.</summary>
public sealed record DataExportDownload(string FileName, byte[] Content);

/// <summary>
/// The signed-in person's copies of their own data: ask for one (after signing in again within five minutes, once a
/// day), follow its preparation, and download it once. Only the account holder may, never an agent acting for them.
/// </summary>
public sealed class DataExports(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    IAuthorizationService authorization,
    AccountHolderGuard guard,
    UserSessions sessions,
    AuditLog audit,
    TimeProvider time)
{
    public async Task<DataExportView> MineAsync(CancellationToken cancellationToken = default)
    {
        var userId = RequireUserId();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latest = await db.DataExports.AsNoTracking().Where(e => e.UserId == userId).OrderByDescending(e => e.RequestedAt).FirstOrDefaultAsync(cancellationToken);
        var recent = await sessions.IsRecentlyAuthenticatedAsync(currentUser.Principal.Session(), userId);
        var next = await NextAllowedAsync(db, userId, cancellationToken);
        return latest is null
            ? new DataExportView(null, null, 0, null, null, null, null, next, recent)
            : new DataExportView(latest.Id, latest.Status, latest.Progress, latest.RequestedAt, latest.ExpiresAt, latest.SizeBytes, latest.Sha256, next, recent);
    }

    public async Task<DataExportRequestResult> RequestAsync(CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(AccountHolderActions.ExportData);
        var userId = RequireUserId();
        if (!(await authorization.AuthorizeAsync(currentUser.Principal, new PersonalDataOwner(userId), PersonalDataOperations.RequestExport)).Succeeded)
        {
            throw new UnauthorizedAccessException("Only the account holder may ask for a copy of their data.");
        }
        if (!await sessions.IsRecentlyAuthenticatedAsync(currentUser.Principal.Session(), userId))
        {
            return new DataExportRequestResult(DataExportRequestOutcome.NotRecentlySignedIn);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.DataExports.AnyAsync(e => e.UserId == userId && (e.Status == DataExportStatus.Queued || e.Status == DataExportStatus.Preparing), cancellationToken))
        {
            return new DataExportRequestResult(DataExportRequestOutcome.AlreadyInProgress);
        }

        if (await NextAllowedAsync(db, userId, cancellationToken) is { } next)
        {
            return new DataExportRequestResult(DataExportRequestOutcome.TooSoon, next);
        }

        db.DataExports.Add(new DataExport { Id = Guid.CreateVersion7(), UserId = userId, Status = DataExportStatus.Queued, RequestedAt = Now });
        await audit.AppendAsync(db, new AuditRecord(AuditActions.DataExportRequested, SubjectId: userId), cancellationToken);
        return new DataExportRequestResult(DataExportRequestOutcome.Queued);
    }

    /// <summary>The archive, once: the first download marks it downloaded and deletes it. Null for anything not the caller's and ready.</summary>
    public async Task<DataExportDownload?> DownloadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(AccountHolderActions.ExportData);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var export = await db.DataExports.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (export is null || !(await authorization.AuthorizeAsync(currentUser.Principal, new PersonalDataOwner(export.UserId), PersonalDataOperations.DownloadExport)).Succeeded)
        {
            return null;
        }

        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var taken = await db.DataExports.Where(e => e.Id == id && e.Status == DataExportStatus.Ready && e.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, DataExportStatus.Downloaded).SetProperty(e => e.DownloadedAt, now), cancellationToken);
        var content = taken == 1
            ? await db.DataExportFiles.Where(f => f.ExportId == id).Select(f => f.Content).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (content is null)
        {
            return null;
        }

        await db.DataExportFiles.Where(f => f.ExportId == id).ExecuteDeleteAsync(cancellationToken);
        await audit.AppendAsync(db, new AuditRecord(AuditActions.DataExportDownloaded, SubjectId: export.UserId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DataExportDownload($"portal-data-{export.RequestedAt:yyyy-MM-dd}.zip", content);
    }

    private async Task<DateTime?> NextAllowedAsync(PortalDbContext db, string userId, CancellationToken cancellationToken)
    {
        var since = Now - DataExport.Every;
        var last = await db.DataExports.AsNoTracking()
            .Where(e => e.UserId == userId && e.Status != DataExportStatus.Failed && e.RequestedAt > since)
            .OrderByDescending(e => e.RequestedAt).Select(e => (DateTime?)e.RequestedAt).FirstOrDefaultAsync(cancellationToken);
        return last + DataExport.Every;
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private string RequireUserId() => currentUser.UserId ?? throw new InvalidOperationException("No one is signed in.");
}
