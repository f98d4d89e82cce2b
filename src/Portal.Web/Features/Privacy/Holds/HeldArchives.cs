using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Privacy;

public sealed record HeldArchiveRow(Guid Id, string UserId, DateTime ArchivedAt, long SizeBytes, string References);

/// <summary>The archives legal holds keep: sealed with the app's keys when an account is deleted, opened by PlatformAdmin only, each opening audited.</summary>
public sealed class HeldArchives(IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser, IAuthorizationService authorization,
    IDataProtectionProvider protection, AuditLog audit, TimeProvider time)
{
    private const string Purpose = "Portal.Privacy.HeldArchive.v1";

    public async Task<IReadOnlyList<HeldArchiveRow>> ListAsync()
    {
        await EnsureAsync();
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = time.GetUtcNow().UtcDateTime;
        var archives = await db.HeldArchives.AsNoTracking().OrderByDescending(a => a.ArchivedAt)
            .Select(a => new { a.Id, a.UserId, a.ArchivedAt, a.SizeBytes }).Take(200).ToListAsync();
        var ids = archives.Select(a => a.UserId).ToList();
        var holds = await LegalHolds.InForce(db, now).Where(h => ids.Contains(h.UserId)).Select(h => new { h.UserId, h.Reference }).ToListAsync();
        return [.. archives.Select(a => new HeldArchiveRow(a.Id, a.UserId, a.ArchivedAt, a.SizeBytes,
            string.Join(", ", holds.Where(h => h.UserId == a.UserId).Select(h => h.Reference))))];
    }

    /// <summary>The archive's ZIP, opened, and the read audited; null when there is no such archive.</summary>
    public async Task<(string UserId, byte[] Content)?> ReadAsync(Guid id)
    {
        await EnsureAsync();
        await using var db = await dbFactory.CreateDbContextAsync();
        var archive = await db.HeldArchives.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id);
        if (archive is null)
        {
            return null;
        }

        await audit.AppendAsync(db, LegalHolds.Event(AuditActions.ArchiveRead, archive.UserId, $"archive {archive.Id}"));
        return (archive.UserId, protection.CreateProtector(Purpose).Unprotect(archive.Content));
    }

    /// <summary>Seals a deleted account's archive, for the closure job.</summary>
    internal static byte[] Seal(IDataProtectionProvider protection, byte[] archive) => protection.CreateProtector(Purpose).Protect(archive);

    private Task EnsureAsync() => authorization.RequireAsync(currentUser.Principal, LegalHoldOperations.ReadArchive, "Only PlatformAdmin opens held archives.");
}
