using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Features.Profiles.Photos;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Profiles;

public sealed record PhotoUpload(bool Succeeded, string? Error);

/// <summary>Stores, removes and serves profile photos; every upload is decoded and stored re-encoded from its pixels alone.</summary>
public sealed class ProfilePhotoService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditLog audit,
    PublicProfiles profiles,
    IOutputCacheStore outputCache,
    IStringLocalizer<Strings> localizer,
    TimeProvider time)
{
    /// <summary>Reads at most one chunk past the limit, so an oversize upload is refused without reading it all.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadLimitedAsync(Stream content, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0 && buffer.Length <= PhotoReencoder.MaxBytes)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    public async Task<PhotoUpload> UploadMineAsync(Stream content, CancellationToken cancellationToken = default)
    {
        var userId = MyId();
        var check = await PhotoReencoder.ReencodeAsync(await ReadLimitedAsync(content, cancellationToken), cancellationToken);
        if (!check.IsAccepted)
        {
            return new PhotoUpload(false, localizer[$"Photo_{check.Problem}"]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var photo = await db.ProfilePhotos.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (photo is null)
        {
            photo = new ProfilePhoto { UserId = userId };
            db.ProfilePhotos.Add(photo);
        }

        photo.ContentType = PhotoReencoder.ContentType;
        photo.Content = check.Photo.Bytes;
        photo.Width = check.Photo.Width;
        photo.Height = check.Photo.Height;
        photo.UpdatedAt = time.GetUtcNow().UtcDateTime;
        photo.Version = Convert.ToHexStringLower(SHA256.HashData(check.Photo.Bytes))[..16];
        await audit.AppendAsync(db, new AuditRecord(AuditActions.ProfilePhotoChanged, SubjectId: userId,
            ChangedFields: ["Photo"]), cancellationToken);
        await outputCache.EvictByTagAsync(ProfileService.PublicProfilesTag, cancellationToken);
        return new PhotoUpload(true, null);
    }

    public async Task<bool> RemoveMineAsync(CancellationToken cancellationToken = default)
    {
        var userId = MyId();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var photo = await db.ProfilePhotos.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (photo is null)
        {
            return false;
        }

        db.ProfilePhotos.Remove(photo);
        await audit.AppendAsync(db, new AuditRecord(AuditActions.ProfilePhotoRemoved, SubjectId: userId,
            ChangedFields: ["Photo"]), cancellationToken);
        await outputCache.EvictByTagAsync(ProfileService.PublicProfilesTag, cancellationToken);
        return true;
    }

    public async Task<ProfilePhoto?> FindMineAsync(CancellationToken cancellationToken = default)
    {
        var userId = MyId();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ProfilePhotos.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
    }

    /// <summary>The photo on a profile page, for a viewer the page's owner lets see it; otherwise null.</summary>
    public async Task<ProfilePhoto?> FindForAsync(string username, ClaimsPrincipal viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profile = await profiles.FindVisibleAsync(db, username, viewer, cancellationToken);
        return profile is null ? null : await db.ProfilePhotos.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == profile.UserId, cancellationToken);
    }

    private string MyId() => currentUser.UserId ?? throw new InvalidOperationException("No one is signed in.");
}
