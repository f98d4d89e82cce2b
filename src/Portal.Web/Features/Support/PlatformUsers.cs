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

public sealed record PlatformUserCursor(string SortName, Guid Id);

public sealed record PlatformUserRow(string UserId, string Name, string Email, string Organisation, OrganisationRole Role, MemberStatus Status, PlatformUserCursor Cursor);

/// <summary>
/// Support staff's view of people across every organisation: a search by the start of an email address or name, a
/// keyset page at a time, and one person's record — read-only, and each opening of a record is audited, since staff
/// look at a customer's information only to help them.
/// </summary>
public sealed class PlatformUsers(
    IDbContextFactory<PortalDbContext> dbFactory,
    WorkScopes workScopes,
    CurrentUser currentUser,
    MemberRecord records,
    IAuthorizationService authorization,
    UserSessions sessions,
    AuditLog audit)
{
    public const int PageSize = 25;

    public async Task<IReadOnlyList<PlatformUserRow>> PageAsync(string? search, PlatformUserCursor? after, int size = PageSize)
    {
        await EnsureStaffAsync();
        size = Math.Clamp(size, 1, 100);
        await using var db = await dbFactory.CreateDbContextAsync();
        var members = db.MembersOfEveryOrganisation();
        var term = search?.Trim() ?? "";
        if (term.Contains('@', StringComparison.Ordinal))
        {
            var email = MemberDirectoryKeys.NormalizedEmail(null, term);
            members = members.Where(m => m.NormalizedEmail.StartsWith(email));
        }
        else if (MemberDirectoryKeys.Fold(term) is { Length: > 0 } name)
        {
            members = members.Where(m => m.SortName.StartsWith(name) || m.SearchName.StartsWith(name));
        }

        if (after is not null)
        {
            members = members.Where(m => m.SortName.CompareTo(after.SortName) > 0 || (m.SortName == after.SortName && m.Id.CompareTo(after.Id) > 0));
        }

        var rows = await members.OrderBy(m => m.SortName).ThenBy(m => m.Id).Take(size)
            .Join(db.Organisations, m => m.TenantId, o => o.Id, (m, o) => new { m.UserId, m.User!.FirstName, m.User.LastName, m.User.Email, Organisation = o.Name, m.Role, m.Status, m.SortName, m.Id })
            .ToListAsync();
        return [.. rows.Select(r => new PlatformUserRow(r.UserId, $"{r.FirstName} {r.LastName}".Trim(), r.Email ?? "", r.Organisation, r.Role, r.Status, new PlatformUserCursor(r.SortName, r.Id)))];
    }

    /// <summary>One person's record as their organisation's own reader shows it, opened in their organisation; audited.</summary>
    public async Task<(MemberDetails Details, string Organisation)?> GetAsync(string userId)
    {
        await EnsureStaffAsync();
        await using var work = workScopes.Begin();
        var db = work.Db;
        if (await TenantClaims.FindOrganisationAsync(db, userId) is not { } organisationId)
        {
            return null;
        }

        using var entered = work.Enter(organisationId);
        if (await records.GetAsync(db, userId) is not { } details)
        {
            return null;
        }

        await audit.AppendAsync(db, new AuditRecord(AuditActions.SupportViewedUser, SubjectId: userId, OrganisationId: organisationId));
        var organisation = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleAsync();
        return (details, organisation);
    }

    /// <summary>Signs the person out everywhere (a stolen session, at their request); staff may do this and only this here.</summary>
    public async Task<bool> EndSessionsAsync(string userId)
    {
        await EnsureStaffAsync();
        await using var work = workScopes.Begin();
        var db = work.Db;
        if (await TenantClaims.FindOrganisationAsync(db, userId) is not { } organisationId)
        {
            return false;
        }

        using var entered = work.Enter(organisationId);

        var target = await db.OrganisationMembers.Where(m => m.UserId == userId)
            .Select(m => new MemberTarget(m.TenantId, m.UserId, m.Role)).FirstOrDefaultAsync();
        if (target is null || !(await authorization.AuthorizeAsync(currentUser.Principal, target, MemberOperations.EndSessions)).Succeeded)
        {
            return false;
        }

        await sessions.EndAllAsync(userId, SessionEndReasons.EndedBySupport);
        return true;
    }

    private Task EnsureStaffAsync() => authorization.RequireAsync(currentUser.Principal, Policies.Support, "Only Portal's support staff may look across organisations.");
}
