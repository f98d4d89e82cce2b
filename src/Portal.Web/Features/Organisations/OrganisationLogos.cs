using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Features.Profiles;
using Portal.Web.Features.Profiles.Photos;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

/// <summary>
/// The signed-in person's organisation's logo: Owners upload or remove it (re-encoded like a profile photo: format from
/// the content, size from its header checked before decoding, nothing kept but the pixels), every member sees it. Changes are audited.
/// </summary>
public sealed class OrganisationLogos(
    IDbContextFactory<PortalDbContext> dbFactory,
    TenantContext tenant,
    AccessChangeGuard accessChanges,
    AuditLog audit,
    IStringLocalizer<Strings> localizer,
    TimeProvider time)
{
    public async Task<OrganisationLogo?> FindAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.OrganisationLogos.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Only the version, for pages that show the logo without loading its bytes.</summary>
    public async Task<string?> VersionAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.OrganisationLogos.Select(l => l.Version).SingleOrDefaultAsync();
    }

    public async Task<PhotoUpload> UploadAsync(Stream content, CancellationToken cancellationToken = default)
    {
        if (!await MayManageAsync())
        {
            return new PhotoUpload(false, localizer["Logo_Forbidden"]);
        }

        var bytes = await ProfilePhotoService.ReadLimitedAsync(content, cancellationToken);
        var check = await PhotoReencoder.ReencodeAsync(bytes, cancellationToken);
        if (!check.IsAccepted)
        {
            return new PhotoUpload(false, localizer[$"Photo_{check.Problem}"]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var logo = await db.OrganisationLogos.SingleOrDefaultAsync(cancellationToken);
        if (logo is null)
        {
            logo = new OrganisationLogo { Id = Guid.CreateVersion7() };
            db.OrganisationLogos.Add(logo);
        }

        logo.ContentType = PhotoReencoder.ContentType;
        logo.Content = check.Photo.Bytes;
        logo.Width = check.Photo.Width;
        logo.Height = check.Photo.Height;
        logo.UpdatedAt = time.GetUtcNow().UtcDateTime;
        logo.Version = Convert.ToHexStringLower(SHA256.HashData(check.Photo.Bytes))[..16];
        await audit.AppendAsync(db, new AuditRecord(AuditActions.LogoChanged, OrganisationId: tenant.TenantId, ChangedFields: ["Logo"]), cancellationToken);
        return new PhotoUpload(true, null);
    }

    public async Task<bool> RemoveAsync()
    {
        if (!await MayManageAsync())
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.OrganisationLogos.SingleOrDefaultAsync() is not { } logo)
        {
            return false;
        }

        db.OrganisationLogos.Remove(logo);
        await audit.AppendAsync(db, new AuditRecord(AuditActions.LogoRemoved, OrganisationId: tenant.TenantId, ChangedFields: ["Logo"]));
        return true;
    }

    private async Task<bool> MayManageAsync() =>
        await accessChanges.AllowsAsync(new OrganisationTarget(tenant.TenantId), OrganisationOperations.Logo);
}
