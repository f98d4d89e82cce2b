using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;
using Portal.Web.Tenancy;

namespace Portal.Tests.Organisations;

internal sealed record SeedPerson(string FirstName, string LastName, string Email, OrganisationRole Role = OrganisationRole.Member, MemberStatus Status = MemberStatus.Active);

/// <summary>Members written straight into the database, and the directory as a given person sees it.</summary>
internal static class MemberDirectoryHarness
{
    public static async Task<Guid> OrganisationAsync(this PortalFactory factory, string slug)
    {
        await using var db = factory.CreateDbContext();
        return await db.Organisations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync();
    }

    /// <summary>Adds each person (account and membership) to the organisation; returns their user ids in order.</summary>
    public static async Task<List<string>> AddMembersAsync(this PortalFactory factory, Guid organisation, IEnumerable<SeedPerson> people)
    {
        await using var db = factory.CreateDbContext(organisation);
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var ids = new List<string>();
        foreach (var person in people)
        {
            var user = new PortalUser
            {
                UserName = person.Email, Email = person.Email, NormalizedEmail = person.Email.ToUpperInvariant(),
                NormalizedUserName = person.Email.ToUpperInvariant(), FirstName = person.FirstName, LastName = person.LastName, CreatedAt = now,
            };
            db.Users.Add(user);
            db.OrganisationMembers.Add(new OrganisationMember { Id = Guid.CreateVersion7(), UserId = user.Id, Role = person.Role, Status = person.Status, JoinedAt = now });
            ids.Add(user.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    }

    /// <summary>A scope signed in as the given person, with the claims sign-in gives them (organisation and role).</summary>
    public static async Task<AsyncServiceScope> ActingAsAsync(this PortalFactory factory, string email)
    {
        var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = await services.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
        services.GetRequiredService<CurrentUser>().Principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user);
        return scope;
    }

    /// <summary>Every row, following the keyset cursor page after page.</summary>
    public static async Task<List<MemberRow>> AllPagesAsync(this MemberDirectory directory, MemberQuery query, int size, MemberCursor? start = null)
    {
        var rows = new List<MemberRow>();
        var after = start;
        for (var guard = 0; guard < 1_000; guard++)
        {
            var page = await directory.PageAsync(query, after, size);
            page.Count.ShouldBeLessThanOrEqualTo(size);
            rows.AddRange(page);
            if (page.Count < size)
            {
                return rows;
            }

            after = page[^1].Cursor;
        }

        throw new InvalidOperationException("Paging did not end.");
    }
}

/// <summary>Keeps the text and parameters of every command the app sends, to ask SQLite how it would run them.</summary>
internal sealed class CommandRecorder : DbCommandInterceptor
{
    private readonly List<(string Sql, (string Name, object? Value)[] Parameters)> _commands = [];

    public IReadOnlyList<(string Sql, (string Name, object? Value)[] Parameters)> Take()
    {
        lock (_commands)
        {
            var taken = _commands.ToList();
            _commands.Clear();
            return taken;
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        lock (_commands)
        {
            _commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToArray()));
        }

        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
