using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Profiles;

public sealed record PublicProfile(string Username, string Name, string? JobTitle, string? Company, string? Bio, bool Indexable, string? PhotoVersion);

/// <summary>Profiles as others see them: only what the owner chose to show, and only to whom they chose.</summary>
public sealed class PublicProfiles(IDbContextFactory<PortalDbContext> dbFactory, IAuthorizationService authorization)
{
    /// <summary>The profile as this viewer may see it, or null when it does not exist or is not for them.</summary>
    public async Task<PublicProfile?> FindAsync(string username, ClaimsPrincipal viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profile = await FindVisibleAsync(db, username, viewer, cancellationToken);
        if (profile is null)
        {
            return null;
        }

        var name = await db.Users.Where(u => u.Id == profile.UserId).Select(u => u.FirstName + " " + u.LastName).SingleAsync(cancellationToken);
        var photo = await db.ProfilePhotos.Where(p => p.UserId == profile.UserId).Select(p => p.Version).FirstOrDefaultAsync(cancellationToken);
        return new PublicProfile(
            profile.Username!,
            profile.DisplayName ?? name.Trim(),
            profile.ShowJobTitle ? profile.JobTitle : null,
            profile.ShowCompany ? profile.Company : null,
            profile.ShowBio ? profile.Bio : null,
            profile.IsIndexable,
            photo);
    }

    /// <summary>The profile behind a username if this viewer may see it; the one place that decides.</summary>
    internal async Task<Profile?> FindVisibleAsync(PortalDbContext db, string username, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        if (!ProfileRules.IsUsernameWellFormed(username))
        {
            return null;
        }

        var normalized = ProfileRules.NormalizeUsername(username);
        var profile = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.NormalizedUsername == normalized, cancellationToken);
        if (profile is null)
        {
            return null;
        }

        var audience = new ProfileAudience(profile.UserId, await TenantClaims.FindOrganisationAsync(db, profile.UserId), profile.Visibility);
        return (await authorization.AuthorizeAsync(viewer, audience, Policies.ViewProfile)).Succeeded ? profile : null;
    }

    /// <summary>Usernames of public, indexable profiles after <paramref name="after"/>, in order, for the sitemap.</summary>
    public async Task<IReadOnlyList<(string Username, DateTime UpdatedAt)>> IndexableAsync(string? after, int count, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var page = await db.Profiles.AsNoTracking()
            .Where(p => p.Visibility == ProfileVisibility.Public && p.AllowSearchIndexing && p.NormalizedUsername != null)
            .Where(p => after == null || p.NormalizedUsername!.CompareTo(after) > 0)
            .OrderBy(p => p.NormalizedUsername)
            .Take(count)
            .Select(p => new { p.Username, p.NormalizedUsername, p.UpdatedAt })
            .ToListAsync(cancellationToken);
        return [.. page.Select(p => (p.Username!, p.UpdatedAt))];
    }
}
