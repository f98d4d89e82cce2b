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
        if (!ProfileRules.IsUsernameWellFormed(username))
        {
            return null;
        }

        var normalized = ProfileRules.NormalizeUsername(username);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var found = await db.Profiles.AsNoTracking()
            .Where(p => p.NormalizedUsername == normalized)
            .Select(p => new
            {
                Profile = p,
                Name = p.User!.FirstName + " " + p.User.LastName,
                Photo = db.ProfilePhotos.Where(f => f.UserId == p.UserId).Select(f => f.Version).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || !await MayViewAsync(db, found.Profile, viewer))
        {
            return null;
        }

        var profile = found.Profile;
        return new PublicProfile(
            profile.Username!,
            profile.DisplayName ?? found.Name.Trim(),
            profile.ShowJobTitle ? profile.JobTitle : null,
            profile.ShowCompany ? profile.Company : null,
            profile.ShowBio ? profile.Bio : null,
            profile.IsIndexable,
            found.Photo);
    }

    /// <summary>The profile behind a username if this viewer may see it.</summary>
    internal async Task<Profile?> FindVisibleAsync(PortalDbContext db, string username, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        if (!ProfileRules.IsUsernameWellFormed(username))
        {
            return null;
        }

        var normalized = ProfileRules.NormalizeUsername(username);
        var profile = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.NormalizedUsername == normalized, cancellationToken);
        return profile is not null && await MayViewAsync(db, profile, viewer) ? profile : null;
    }

    /// <summary>The one place that asks who may see a profile (the rule itself lives in Authorization).</summary>
    private async Task<bool> MayViewAsync(PortalDbContext db, Profile profile, ClaimsPrincipal viewer)
    {
        // Public pages need no organisation lookup: everyone may see them.
        var organisation = profile.Visibility == ProfileVisibility.Public ? null : await TenantClaims.FindOrganisationAsync(db, profile.UserId);
        var audience = new ProfileAudience(profile.UserId, organisation, profile.Visibility, !await TenantClaims.IsBlockedAsync(db, profile.UserId));
        return (await authorization.AuthorizeAsync(viewer, audience, Policies.ViewProfile)).Succeeded;
    }

    /// <summary>Usernames of public, indexable profiles after <paramref name="after"/>, in order, for the sitemap.</summary>
    public async Task<IReadOnlyList<(string Username, DateTime UpdatedAt)>> IndexableAsync(string? after, int count, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var page = await db.Profiles.AsNoTracking()
            .Where(p => p.Visibility == ProfileVisibility.Public && p.AllowSearchIndexing && p.NormalizedUsername != null)
            .Where(p => !TenantClaims.BlockedAccountIds(db).Contains(p.UserId))
            .Where(p => after == null || p.NormalizedUsername!.CompareTo(after) > 0)
            .OrderBy(p => p.NormalizedUsername)
            .Take(count)
            .Select(p => new { p.Username, p.NormalizedUsername, p.UpdatedAt })
            .ToListAsync(cancellationToken);
        return [.. page.Select(p => (p.Username!, p.UpdatedAt))];
    }
}
