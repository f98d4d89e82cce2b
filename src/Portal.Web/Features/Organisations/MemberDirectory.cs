using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

/// <summary>What the directory shows: a search (an email prefix when it holds '@', else a name prefix) and two filters.</summary>
public sealed record MemberQuery(string? Search = null, OrganisationRole? Role = null, MemberStatus? Status = null);

/// <summary>Where a page ends: the last row's place in the directory's order (SortName, Id).</summary>
public sealed record MemberCursor(string SortName, Guid Id);

public sealed record MemberRow(string UserId, string Name, string Email, OrganisationRole Role, MemberStatus Status, DateTime JoinedAt, MemberCursor Cursor);

/// <summary>A count that stops at a cap: <see cref="IsCapped"/> means "more than <see cref="Value"/>".</summary>
public sealed record MemberCount(int Value, bool IsCapped);

/// <summary>
/// The signed-in administrator's organisation's members, in name order, a keyset page at a time. Every query reads
/// only the member table's own keys and indexes; users are joined only for the rows of the page, to show them.
/// </summary>
public sealed class MemberDirectory(IDbContextFactory<PortalDbContext> dbFactory, IAuthorizationService authorization, CurrentUser currentUser)
{
    public const int PageSize = 25;
    public const int MaxPageSize = 100;
    public const int CountCap = 1_000;

    /// <summary>The page after <paramref name="after"/> (the previous page's last row), or the first page.</summary>
    public async Task<IReadOnlyList<MemberRow>> PageAsync(MemberQuery query, MemberCursor? after, int size = PageSize, CancellationToken cancellationToken = default)
    {
        await EnsureOrganisationAdminAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var members = Matching(db, query);
        if (after is not null)
        {
            // The first condition alone is an index range; the second only sorts out ties on the name.
            var (name, id) = (after.SortName, after.Id);
            members = members.Where(m => m.SortName.CompareTo(name) >= 0 && (m.SortName.CompareTo(name) > 0 || m.Id.CompareTo(id) > 0));
        }

        return await Rows(members.OrderBy(m => m.SortName).ThenBy(m => m.Id).Take(Math.Clamp(size, 1, MaxPageSize)), cancellationToken);
    }

    /// <summary>How many members match, counting no further than <paramref name="cap"/>.</summary>
    public async Task<MemberCount> CountAsync(MemberQuery query, int cap = CountCap, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cap);
        await EnsureOrganisationAdminAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counted = await Matching(db, query).Take(cap + 1).CountAsync(cancellationToken);
        return counted > cap ? new MemberCount(cap, IsCapped: true) : new MemberCount(counted, IsCapped: false);
    }

    /// <summary>
    /// Offset paging, which reads and skips every earlier row: kept only so the benchmark can show what keyset paging
    /// saves. Pages must use <see cref="PageAsync"/>.
    /// </summary>
    internal async Task<IReadOnlyList<MemberRow>> PageByOffsetForBenchmarkAsync(MemberQuery query, int skip, int size = PageSize, CancellationToken cancellationToken = default)
    {
        await EnsureOrganisationAdminAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Rows(Matching(db, query).OrderBy(m => m.SortName).ThenBy(m => m.Id).Skip(skip).Take(size), cancellationToken);
    }

    private static IQueryable<OrganisationMember> Matching(PortalDbContext db, MemberQuery query)
    {
        var members = db.OrganisationMembers.AsNoTracking();
        if (query.Role is { } role)
        {
            members = members.Where(m => m.Role == role);
        }

        if (query.Status is { } status)
        {
            members = members.Where(m => m.Status == status);
        }

        var search = query.Search?.Trim() ?? "";
        if (search.Contains('@', StringComparison.Ordinal))
        {
            var email = MemberDirectoryKeys.NormalizedEmail(null, search);
            members = members.Where(m => m.NormalizedEmail.StartsWith(email));
        }
        else if (MemberDirectoryKeys.Fold(search) is { Length: > 0 } name)
        {
            // "Ada", "Ada Lov" and "Lovelace A" all find Ada Lovelace: the two keys each answer a prefix from an index.
            members = members.Where(m => m.SortName.StartsWith(name) || m.SearchName.StartsWith(name));
        }

        return members;
    }

    private static async Task<IReadOnlyList<MemberRow>> Rows(IQueryable<OrganisationMember> page, CancellationToken cancellationToken) =>
        (await page
            .Select(m => new { m.UserId, m.User!.FirstName, m.User.LastName, m.User.Email, m.Role, m.Status, m.JoinedAt, m.SortName, m.Id })
            .ToListAsync(cancellationToken))
        .Select(m => new MemberRow(m.UserId, $"{m.FirstName} {m.LastName}".Trim(), m.Email ?? "", m.Role, m.Status, m.JoinedAt, new MemberCursor(m.SortName, m.Id)))
        .ToList();

    private async Task EnsureOrganisationAdminAsync()
    {
        if (!(await authorization.AuthorizeAsync(currentUser.Principal, Policies.OrganisationAdmin)).Succeeded)
        {
            throw new UnauthorizedAccessException("Only an organisation's owners and administrators may list its members.");
        }
    }
}
