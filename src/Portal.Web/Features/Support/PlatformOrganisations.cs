using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Security;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Support;

public sealed record PlatformOrganisationCursor(string Name, Guid Id);

public sealed record PlatformOrganisationRow(Guid Id, string Name, string Slug, DateTime CreatedAt, int Members, bool IsOperator, DateTime? SuspendedAt, PlatformOrganisationCursor Cursor);

public enum SuspensionOutcome
{
    Done,
    Invalid,
    NotFound,
    Forbidden,
}

/// <summary>
/// Every organisation on Portal for its staff, by name a keyset page at a time with member counts; PlatformAdmin
/// suspends one (every member signed out at once and refused at sign-in until it is lifted) and lifts it. Audited.
/// </summary>
public sealed class PlatformOrganisations(
    IDbContextFactory<PortalDbContext> dbFactory,
    WorkScopes workScopes,
    CurrentUser currentUser,
    IAuthorizationService authorization,
    UserSessions sessions,
    AuditLog audit,
    Profiles.ProfileService profiles,
    TimeProvider time)
{
    public const int PageSize = 25;

    public async Task<IReadOnlyList<PlatformOrganisationRow>> PageAsync(string? search, PlatformOrganisationCursor? after, int size = PageSize)
    {
        await EnsureAsync(Policies.Support);
        size = Math.Clamp(size, 1, 100);
        await using var db = await dbFactory.CreateDbContextAsync();
        var organisations = db.Organisations.AsNoTracking();
        if (search?.Trim() is { Length: > 0 } term)
        {
            organisations = organisations.Where(o => o.Name.StartsWith(term));
        }

        if (after is not null)
        {
            organisations = organisations.Where(o => o.Name.CompareTo(after.Name) > 0 || (o.Name == after.Name && o.Id.CompareTo(after.Id) > 0));
        }

        var page = await organisations.OrderBy(o => o.Name).ThenBy(o => o.Id).Take(size).ToListAsync();
        var ids = page.Select(o => o.Id).ToList();
        // Staff count the members of the page's organisations only, in one grouped query.
        var counts = await db.MembersOfEveryOrganisation().Where(m => ids.Contains(m.TenantId))
            .GroupBy(m => m.TenantId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return [.. page.Select(o => new PlatformOrganisationRow(o.Id, o.Name, o.Slug, o.CreatedAt, counts.GetValueOrDefault(o.Id), o.IsOperator, o.SuspendedAt,
            new PlatformOrganisationCursor(o.Name, o.Id)))];
    }

    public async Task<SuspensionOutcome> SuspendAsync(Guid organisationId, string reason)
    {
        reason = reason.Trim();
        if (reason.Length is 0 or > 400)
        {
            return SuspensionOutcome.Invalid;
        }

        return await ChangeAsync(organisationId, suspend: true, reason);
    }

    public Task<SuspensionOutcome> LiftAsync(Guid organisationId) => ChangeAsync(organisationId, suspend: false, reason: null);

    private async Task<SuspensionOutcome> ChangeAsync(Guid organisationId, bool suspend, string? reason)
    {
        if (!await MayAsync(Policies.PlatformAdmin))
        {
            return SuspensionOutcome.Forbidden;
        }

        await using var work = workScopes.Begin();
        var db = work.Db;
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId);
        if (organisation is null || organisation.IsOperator)
        {
            return organisation is null ? SuspensionOutcome.NotFound : SuspensionOutcome.Forbidden;
        }

        if ((organisation.SuspendedAt is not null) == suspend)
        {
            return SuspensionOutcome.Done;
        }

        using var entered = work.Enter(organisationId);
        await using var transaction = await db.Database.BeginTransactionAsync();
        organisation.SuspendedAt = suspend ? time.GetUtcNow().UtcDateTime : null;
        var ended = suspend ? await sessions.EndAllOfOrganisationAsync(db, SessionEndReasons.OrganisationSuspended) : 0;
        await audit.AppendAsync(db, new AuditRecord(suspend ? AuditActions.OrganisationSuspended : AuditActions.OrganisationSuspensionLifted,
            OrganisationId: organisationId, Target: suspend ? $"{reason} ({ended} session(s) ended)" : null, ChangedFields: ["SuspendedAt"]));
        await transaction.CommitAsync();
        await profiles.ForgetPublicPagesAsync(); // A suspended organisation's members' profiles are not served.
        return SuspensionOutcome.Done;
    }

    private async Task<bool> MayAsync(string policy) => (await authorization.AuthorizeAsync(currentUser.Principal, policy)).Succeeded;

    private async Task EnsureAsync(string policy)
    {
        if (!await MayAsync(policy))
        {
            throw new UnauthorizedAccessException("Only Portal's staff may list every organisation.");
        }
    }
}
