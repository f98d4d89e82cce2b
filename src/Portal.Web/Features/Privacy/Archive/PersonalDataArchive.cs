using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Privacy;

/// <summary>
/// Builds a person's own "download my data" archive: a ZIP with one JSON file per area of their account, the photo
/// they uploaded, and a manifest of every file with its record count and SHA-256. Rows are streamed from the
/// database into the ZIP, so a long history never sits in memory. Secrets (password hash, security stamp,
/// authenticator key, recovery codes, tokens, key material) are never read; disclosure requests whose notice is
/// withheld are never read either.
/// </summary>
public sealed class PersonalDataArchive(TimeProvider time)
{
    /// <summary>The version of the archive's layout, in the manifest.</summary>
    public const int Version = 1;

    private static readonly Func<ArchiveWriter, ArchivePerson, Task>[] Areas =
    [
        AccountAreas.AccountAsync,
        AccountAreas.ProfileAsync,
        AccountAreas.PhotoAsync,
        AccountAreas.OrganisationAsync,
        SecurityAreas.SessionsAsync,
        SecurityAreas.SignInsAsync,
        SecurityAreas.DevicesAsync,
        MessageAreas.NotificationsAsync,
        AccountAreas.ConsentsAsync,
        AccountAreas.LinkedAccountsAsync,
        MessageAreas.DisclosuresAsync,
        SecurityAreas.SupportAccessAsync,
        SecurityAreas.AuditAsync,
        MessageAreas.EmailsAsync,
        MessageAreas.InvitationsAsync,
    ];

    /// <summary>
    /// Every entity type of the model that can hold a person's id, mapped to the archive file that exports it or to
    /// why it is not exported.
    /// </summary>
    public static IReadOnlyDictionary<Type, string> Coverage => ArchiveCoverage.ByEntity;

    /// <summary>
    /// Writes the ZIP to <paramref name="output"/> and returns its manifest. <paramref name="db"/> acts in the person's
    /// organisation when they have one (the caller entered it); when the person has no organisation (staff),
    /// tenant-owned sets hold nothing of theirs and are not read. <paramref name="progress"/> receives 0..100 as areas complete.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No account has this id.</exception>
    /// <exception cref="InvalidOperationException">The context acts for another organisation than the person's.</exception>
    public async Task<ArchiveManifest> WriteAsync(PortalDbContext db, string userId, Stream output, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(output);
        var person = await FindAsync(db, userId, cancellationToken);
        progress?.Report(0);
        var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await using (zip)
        {
            var writer = new ArchiveWriter(zip, person.Now, cancellationToken);
            for (var i = 0; i < Areas.Length; i++)
            {
                await Areas[i](writer, person);
                progress?.Report((i + 1) * 99 / Areas.Length);
            }

            var manifest = new ArchiveManifest(ArchiveManifest.FormatName, Version, userId, person.Now, [.. writer.Files]);
            await writer.WriteManifestAsync(manifest);
            await zip.DisposeAsync();
            progress?.Report(100);
            return manifest;
        }
    }

    private async Task<ArchivePerson> FindAsync(PortalDbContext db, string userId, CancellationToken cancellationToken)
    {
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Email, u.NormalizedEmail, u.CreatedAt })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new KeyNotFoundException("No account has this id.");
        var organisationId = await TenantClaims.FindOrganisationAsync(db, userId);
        if (organisationId is { } id && db.CurrentTenantId != id)
        {
            throw new InvalidOperationException("The archive is written in the person's own organisation; the context acts for another.");
        }

        return new ArchivePerson(db, userId, account.Email, account.NormalizedEmail, account.CreatedAt, organisationId, time.GetUtcNow().UtcDateTime);
    }
}
