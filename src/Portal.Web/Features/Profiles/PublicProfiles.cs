using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Profiles;

public sealed record PublicProfile(string Username, string Name, string? JobTitle, string? Company, string? Bio, bool Indexable);

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
        var found = await db.Profiles.AsNoTracking()
            .Where(p => p.NormalizedUsername == normalized)
            .Select(p => new { Profile = p, p.User!.FirstName, p.User.LastName })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var profile = found.Profile;
        var audience = new ProfileAudience(profile.UserId, await TenantClaims.FindOrganisationAsync(db, profile.UserId), profile.Visibility);
        if (!(await authorization.AuthorizeAsync(viewer, audience, Policies.ViewProfile)).Succeeded)
        {
            return null;
        }

        return new PublicProfile(
            profile.Username!,
            profile.DisplayName ?? $"{found.FirstName} {found.LastName}".Trim(),
            profile.ShowJobTitle ? profile.JobTitle : null,
            profile.ShowCompany ? profile.Company : null,
            profile.ShowBio ? profile.Bio : null,
            profile.IsIndexable);
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
