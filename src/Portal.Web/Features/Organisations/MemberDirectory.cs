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
public sealed class MemberDirectory(IDbContextFactory<PortalDbContext> dbFactory, IAuthorizationService authorization, CurrentUser currentUser, TenantContext tenant)
{
    public const int PageSize = 25;
    public const int MaxPageSize = 100;
    public const int CountCap = 1_000;

    /// <summary>The page after <paramref name="after"/> (the previous page's last row), or the first page.</summary>
    public async Task<IReadOnlyList<MemberRow>> PageAsync(MemberQuery query, MemberCursor? after, int size = PageSize, CancellationToken cancellationToken = default)
    {
        await EnsureOrganisationAdminAsync();
        size = Math.Clamp(size, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var members = Filtered(db, query);
        var page = Search.Parse(query.Search) switch
        {
            { Email: { } email } => After(members.Where(m => m.NormalizedEmail.StartsWith(email)), after, size, walkNames: false),
            // An OR of the two prefixes makes SQLite walk the organisation in name order, testing every row. Instead a
            // page from the SortName range is merged with a page of the first-name matches that are not already in it.
            { Name: { } name } => After(members.Where(m => m.SortName.StartsWith(name)), after, size)
                .Concat(After(members.Where(m => m.SearchName.StartsWith(name) && !m.SortName.StartsWith(name)), after, size, walkNames: false))
                .OrderBy(m => m.SortName).ThenBy(m => m.Id).Take(size),
            _ => After(members, after, size),
        };
        return await Rows(page, cancellationToken);
    }

    /// <summary>How many members match, counting no further than <paramref name="cap"/>.</summary>
    public async Task<MemberCount> CountAsync(MemberQuery query, int cap = CountCap, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cap);
        await EnsureOrganisationAdminAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var members = Filtered(db, query);

        // Each part is ordered by the key of the index that finds it, which costs no sort and keeps the plan on it.
        var counted = Search.Parse(query.Search) switch
        {
            { Email: { } email } => await CountUpToAsync(members.Where(m => m.NormalizedEmail.StartsWith(email)).OrderBy(m => m.NormalizedEmail), cap, cancellationToken),
            { Name: { } name } => await CountUpToAsync(members.Where(m => m.SortName.StartsWith(name)).OrderBy(m => m.SortName), cap, cancellationToken)
                + await CountUpToAsync(members.Where(m => m.SearchName.StartsWith(name) && !m.SortName.StartsWith(name)).OrderBy(m => m.SearchName), cap, cancellationToken),
            _ => await CountUpToAsync(members.OrderBy(m => m.SortName), cap, cancellationToken),
        };
        return counted > cap ? new MemberCount(cap, IsCapped: true) : new MemberCount(counted, IsCapped: false);
    }

    private static Task<int> CountUpToAsync(IQueryable<OrganisationMember> members, int cap, CancellationToken cancellationToken) =>
        members.Take(cap + 1).CountAsync(cancellationToken);

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

    private static IQueryable<OrganisationMember> Filtered(PortalDbContext db, MemberQuery query)
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

        return members;
    }

    private static IQueryable<OrganisationMember> Matching(PortalDbContext db, MemberQuery query)
    {
        var members = Filtered(db, query);
        return Search.Parse(query.Search) switch
        {
            { Email: { } email } => members.Where(m => m.NormalizedEmail.StartsWith(email)),
            { Name: { } name } => members.Where(m => m.SortName.StartsWith(name) || m.SearchName.StartsWith(name)),
            _ => members,
        };
    }

    /// <summary>
    /// Up to <paramref name="size"/> rows after the cursor, in the directory's order. With <paramref name="walkNames"/>
    /// the cursor test is a range on SortName, so the page is read straight from the name index from the cursor on.
    /// Without, it is not, on purpose: for rows found through another key (email, first name), a SortName range would
    /// tempt SQLite to walk the names from the cursor testing every row, which costs the rest of the organisation when
    /// matches are rare; comparing <c>SortName + ""</c> keeps it on the search key's index, sorting only the matches
    /// (the keys are upper-case, so that expression compares as the column does on either database).
    /// </summary>
    private static IQueryable<OrganisationMember> After(IQueryable<OrganisationMember> members, MemberCursor? after, int size, bool walkNames = true)
    {
        if (after is not null)
        {
            var (name, id) = (after.SortName, after.Id);
            members = walkNames
                // The first condition alone is the index range; the second only sorts out ties on the name.
                ? members.Where(m => m.SortName.CompareTo(name) >= 0 && (m.SortName.CompareTo(name) > 0 || m.Id.CompareTo(id) > 0))
                : members.Where(m => (m.SortName + "").CompareTo(name) > 0 || ((m.SortName + "") == name && m.Id.CompareTo(id) > 0));
        }

        return members.OrderBy(m => m.SortName).ThenBy(m => m.Id).Take(size);
    }

    private static async Task<IReadOnlyList<MemberRow>> Rows(IQueryable<OrganisationMember> page, CancellationToken cancellationToken) =>
        (await page
            .Select(m => new { m.UserId, m.User!.FirstName, m.User.LastName, m.User.Email, m.Role, m.Status, m.JoinedAt, m.SortName, m.Id })
            .ToListAsync(cancellationToken))
        .Select(m => new MemberRow(m.UserId, $"{m.FirstName} {m.LastName}".Trim(), m.Email ?? "", m.Role, m.Status, m.JoinedAt, new MemberCursor(m.SortName, m.Id)))
        .ToList();

    /// <summary>The roles of the members whose record the caller may open, as <see cref="MemberAuthorizationHandler"/> decides.</summary>
    public async Task<IReadOnlySet<OrganisationRole>> RolesOpenedAsync()
    {
        var roles = new HashSet<OrganisationRole>();
        foreach (var role in Enum.GetValues<OrganisationRole>())
        {
            if ((await authorization.AuthorizeAsync(currentUser.Principal, new MemberTarget(tenant.TenantId, "", role), MemberOperations.View)).Succeeded)
            {
                roles.Add(role);
            }
        }

        return roles;
    }

    private Task EnsureOrganisationAdminAsync() => authorization.RequireAsync(currentUser.Principal, Policies.OrganisationAdmin, "Only an organisation's owners and administrators may list its members.");

    /// <summary>A search holding '@' is the start of an email address; anything else, the start of a name.</summary>
    private readonly record struct Search(string? Email, string? Name)
    {
        public static Search Parse(string? text)
        {
            var term = text?.Trim() ?? "";
            if (term.Contains('@', StringComparison.Ordinal))
            {
                return new Search(MemberDirectoryKeys.NormalizedEmail(null, term), null);
            }

            var name = MemberDirectoryKeys.Fold(term);
            return new Search(null, name.Length > 0 ? name : null);
        }
    }
}
