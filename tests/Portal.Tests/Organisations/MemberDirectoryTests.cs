using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;

namespace Portal.Tests.Organisations;

/// <summary>
/// Acme with 60 more members than the demo's three (twelve of them named Ada Lovelace, so pages break inside a tie),
/// Globex with five of its own (one of them also an Ada Lovelace). Tests only read.
/// </summary>
public sealed class MemberDirectoryFixture : IAsyncLifetime
{
    private static readonly string[] FirstNames = ["Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim", "Margaret", "Linus", "Hedy"];
    private static readonly string[] LastNames = ["Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Berners-Lee", "Hamilton", "Torvalds", "Lamarr"];

    internal CommandRecorder Commands { get; } = new();

    public PortalFactory Factory { get; }

    public List<string> AcmeIds { get; private set; } = [];

    public List<string> GlobexIds { get; private set; } = [];

    internal List<SeedPerson> AcmePeople { get; } = [];

    public MemberDirectoryFixture() =>
        Factory = new PortalFactory().WithServices(services => services.ConfigureDbContext<PortalDbContext>(db => db.AddInterceptors(Commands)));

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 12; i++)
        {
            AcmePeople.Add(new SeedPerson("Ada", "Lovelace", $"ada.lovelace{i}@acme-people.test"));
        }

        AcmePeople.Add(new SeedPerson("Chloé", "Dubois", "chloe.dubois@acme-people.test", OrganisationRole.Admin));
        for (var i = 0; i < 47; i++)
        {
            var (first, last) = (FirstNames[i % FirstNames.Length], LastNames[(i * 5) % LastNames.Length]);
            var status = i % 7 == 3 ? MemberStatus.Invited : i % 11 == 4 ? MemberStatus.Restricted : i % 13 == 5 ? MemberStatus.Closed : MemberStatus.Active;
            AcmePeople.Add(new SeedPerson(first, last, $"{first}.{last}{i}@acme-people.test".ToLowerInvariant(), i % 9 == 2 ? OrganisationRole.Admin : OrganisationRole.Member, status));
        }

        AcmeIds = await Factory.AddMembersAsync(await Factory.OrganisationAsync("acme"), AcmePeople);
        GlobexIds = await Factory.AddMembersAsync(await Factory.OrganisationAsync("globex"),
        [
            new("Ada", "Lovelace", "ada.lovelace@globex-people.test"),
            new("Gustav", "Globex", "gustav@globex-people.test"),
            new("Hana", "Globex", "hana@globex-people.test", Status: MemberStatus.Invited),
            new("Ivo", "Globex", "ivo@globex-people.test", OrganisationRole.Admin),
            new("Chloé", "Globex", "chloe@globex-people.test"),
        ]);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

public sealed class MemberDirectoryTests(MemberDirectoryFixture app) : IClassFixture<MemberDirectoryFixture>, IAsyncLifetime
{
    private const string AcmeAdmin = "admin@acme.test";
    private const int AcmeMembers = 63;
    private readonly List<AsyncServiceScope> _scopes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }
    }

    [Fact]
    public async Task Keyset_pages_list_every_member_exactly_once_in_name_order_even_across_ties()
    {
        var directory = await DirectoryAsAsync(AcmeAdmin);

        var paged = await directory.AllPagesAsync(new MemberQuery(), size: 7);

        paged.Count.ShouldBe(AcmeMembers);
        paged.Select(r => r.UserId).ShouldBeUnique();
        paged.Select(r => r.UserId).ShouldBe(await AcmeUserIdsAsync(), ignoreOrder: true);
        for (var i = 1; i < paged.Count; i++)
        {
            var (before, after) = (paged[i - 1].Cursor, paged[i].Cursor);
            var order = string.CompareOrdinal(before.SortName, after.SortName);
            order.ShouldBeLessThanOrEqualTo(0, $"{before.SortName} came before {after.SortName}");
            if (order == 0)
            {
                // SQLite keeps GUIDs as upper-case text, so ties follow that text.
                string.CompareOrdinal(Text(before.Id), Text(after.Id)).ShouldBeLessThan(0);
            }
        }

        paged.Count(r => r.Name == "Ada Lovelace").ShouldBe(12);
        paged.Select(r => r.UserId).ShouldBe((await directory.PageAsync(new MemberQuery(), null, MemberDirectory.MaxPageSize)).Select(r => r.UserId));
    }

    [Fact]
    public async Task A_row_shows_the_persons_name_email_role_status_and_joining_date()
    {
        var directory = await DirectoryAsAsync(AcmeAdmin);

        var row = (await directory.PageAsync(new MemberQuery("chloe.dubois@"), null)).ShouldHaveSingleItem();

        row.Name.ShouldBe("Chloé Dubois");
        row.Email.ShouldBe("chloe.dubois@acme-people.test");
        row.Role.ShouldBe(OrganisationRole.Admin);
        row.Status.ShouldBe(MemberStatus.Active);
        row.JoinedAt.ShouldBe(app.Factory.Time.GetUtcNow().UtcDateTime, TimeSpan.FromDays(1));
        row.UserId.ShouldBe(app.AcmeIds[12]);
    }

    [Theory]
    [InlineData("ada.lovelace1@", 1)]
    [InlineData("Ada.Lovelace1@ACME-people", 1)]
    [InlineData("ada.lovelace1", 0)] // no @: a name search, and no name starts so
    [InlineData("lovelace1@", 0)] // a prefix, not a substring
    [InlineData("admin@", 1)]
    [InlineData("@", 0)]
    [InlineData("ada.lovelace%@", 0)] // wildcards are literal
    public async Task A_search_with_an_at_sign_matches_the_start_of_the_email(string search, int expected)
    {
        var directory = await DirectoryAsAsync(AcmeAdmin);

        var rows = await directory.AllPagesAsync(new MemberQuery(search), size: 10);

        rows.Count.ShouldBe(expected);
        rows.ShouldAllBe(r => r.Email.StartsWith(search.Replace("%", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("lovelace", 12)] // last name
    [InlineData("lovelace a", 12)] // last name first, as the directory sorts
    [InlineData("ada lov", 12)] // as people write their name
    [InlineData("ada", 13)] // first name: the twelve Adas and Adam Admin
    [InlineData("  ADA   LOVELACE ", 12)]
    [InlineData("chloe", 1)] // accents are folded
    [InlineData("dubois chlo", 1)]
    [InlineData("Chloé", 1)]
    [InlineData("ovelace", 0)] // a prefix, not a substring
    [InlineData("%", 0)]
    [InlineData("_", 0)]
    public async Task A_search_without_an_at_sign_matches_the_start_of_a_first_or_last_name(string search, int expected)
    {
        var directory = await DirectoryAsAsync(AcmeAdmin);

        var rows = await directory.AllPagesAsync(new MemberQuery(search), size: 5);

        rows.Count.ShouldBe(expected);
        rows.Select(r => r.UserId).ShouldBeUnique();
    }

    [Fact]
    public async Task Role_and_status_filters_narrow_the_list_alone_together_and_with_a_search()
    {
        var directory = await DirectoryAsAsync(AcmeAdmin);
        var seeded = app.AcmePeople;

        var admins = await directory.AllPagesAsync(new MemberQuery(Role: OrganisationRole.Admin), size: 3);
        var owners = await directory.AllPagesAsync(new MemberQuery(Role: OrganisationRole.Owner), size: 3);
        var restricted = await directory.AllPagesAsync(new MemberQuery(Status: MemberStatus.Restricted), size: 3);
        var invitedMembers = await directory.AllPagesAsync(new MemberQuery(Role: OrganisationRole.Member, Status: MemberStatus.Invited), size: 3);
        var searchedAdmins = await directory.AllPagesAsync(new MemberQuery("ada", Role: OrganisationRole.Admin), size: 3);

        admins.Count.ShouldBe(seeded.Count(p => p.Role == OrganisationRole.Admin) + 1);
        admins.ShouldAllBe(r => r.Role == OrganisationRole.Admin);
        owners.ShouldHaveSingleItem().Email.ShouldBe("owner@acme.test");
        restricted.Count.ShouldBe(seeded.Count(p => p.Status == MemberStatus.Restricted));
        restricted.Count.ShouldBeGreaterThan(0);
        restricted.ShouldAllBe(r => r.Status == MemberStatus.Restricted);
        invitedMembers.Count.ShouldBe(seeded.Count(p => p.Status == MemberStatus.Invited && p.Role == OrganisationRole.Member));
        invitedMembers.ShouldAllBe(r => r.Status == MemberStatus.Invited && r.Role == OrganisationRole.Member);
        searchedAdmins.ShouldHaveSingleItem().Email.ShouldBe("admin@acme.test");
    }

    [Fact]
    public async Task The_count_stops_at_its_cap_and_says_so()
    {
        var directory = await DirectoryAsAsync(AcmeAdmin);

        (await directory.CountAsync(new MemberQuery())).ShouldBe(new MemberCount(AcmeMembers, IsCapped: false));
        (await directory.CountAsync(new MemberQuery(), cap: AcmeMembers)).ShouldBe(new MemberCount(AcmeMembers, IsCapped: false));
        (await directory.CountAsync(new MemberQuery(), cap: AcmeMembers - 1)).ShouldBe(new MemberCount(AcmeMembers - 1, IsCapped: true));
        (await directory.CountAsync(new MemberQuery(), cap: 10)).ShouldBe(new MemberCount(10, IsCapped: true));
        (await directory.CountAsync(new MemberQuery("ada"))).ShouldBe(new MemberCount(13, IsCapped: false));
        (await directory.CountAsync(new MemberQuery(Role: OrganisationRole.Owner))).ShouldBe(new MemberCount(1, IsCapped: false));
        MemberDirectory.CountCap.ShouldBe(1_000);
    }

    [Fact]
    public async Task Another_organisations_owner_sees_none_of_acmes_members_even_with_a_cursor_from_acmes_pages()
    {
        var acme = await DirectoryAsAsync(AcmeAdmin);
        var acmeFirstPage = await acme.PageAsync(new MemberQuery(), null, 10);
        var acmeAda = (await acme.PageAsync(new MemberQuery("lovelace"), null, 3))[^1].Cursor;
        var globex = await DirectoryAsAsync("owner@globex.test");
        var globexIds = (IEnumerable<string>)[.. app.GlobexIds, await UserIdAsync("owner@globex.test")];

        var everyone = await globex.AllPagesAsync(new MemberQuery(), size: 2);
        var fromAcmesCursor = await globex.AllPagesAsync(new MemberQuery(), size: 2, start: acmeFirstPage[0].Cursor);
        var fromAcmesAda = await globex.AllPagesAsync(new MemberQuery("lovelace"), size: 2, start: acmeAda with { SortName = "" });
        var searched = await globex.AllPagesAsync(new MemberQuery("ada.lovelace1@"), size: 2);

        everyone.Select(r => r.UserId).ShouldBe(globexIds, ignoreOrder: true);
        fromAcmesCursor.ShouldNotBeEmpty();
        fromAcmesCursor.Select(r => r.UserId).ShouldBeSubsetOf(globexIds);
        fromAcmesAda.ShouldHaveSingleItem().Email.ShouldBe("ada.lovelace@globex-people.test");
        searched.ShouldBeEmpty();
        (await globex.CountAsync(new MemberQuery("dubois"))).ShouldBe(new MemberCount(0, IsCapped: false));
        (await globex.CountAsync(new MemberQuery())).ShouldBe(new MemberCount(6, IsCapped: false));
    }

    [Fact]
    public async Task A_plain_member_cannot_list_their_organisation()
    {
        var directory = await DirectoryAsAsync("member@acme.test");

        await Should.ThrowAsync<UnauthorizedAccessException>(() => directory.PageAsync(new MemberQuery(), null));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => directory.CountAsync(new MemberQuery()));
    }

    [Theory]
    [InlineData("first page", "IX_OrganisationMembers_TenantId_SortName_Id (TenantId=?)")]
    [InlineData("page after a cursor", "IX_OrganisationMembers_TenantId_SortName_Id (TenantId=? AND SortName>?)")]
    [InlineData("email search", "IX_OrganisationMembers_TenantId_NormalizedEmail (TenantId=? AND NormalizedEmail>? AND NormalizedEmail<?)")]
    [InlineData("email search after a cursor", "IX_OrganisationMembers_TenantId_NormalizedEmail (TenantId=? AND NormalizedEmail>? AND NormalizedEmail<?)")]
    [InlineData("name search", "IX_OrganisationMembers_TenantId_SortName_Id (TenantId=? AND SortName>? AND SortName<?)", "IX_OrganisationMembers_TenantId_SearchName_SortName_Id (TenantId=? AND SearchName>? AND SearchName<?)")]
    [InlineData("name search after a cursor", "IX_OrganisationMembers_TenantId_SortName_Id (TenantId=? AND SortName>? AND SortName<?)", "IX_OrganisationMembers_TenantId_SearchName_SortName_Id (TenantId=? AND SearchName>? AND SearchName<?)")]
    [InlineData("status after a cursor", "IX_OrganisationMembers_TenantId_Status_SortName_Id (TenantId=? AND Status=? AND SortName>?)")]
    [InlineData("role after a cursor", "IX_OrganisationMembers_TenantId_Role_SortName_Id (TenantId=? AND Role=? AND SortName>?)")]
    [InlineData("role and status", "IX_OrganisationMembers_TenantId_Role_Status_SortName_Id (TenantId=? AND Role=? AND Status=?)")]
    [InlineData("count", "COVERING INDEX IX_OrganisationMembers_TenantId_SortName_Id (TenantId=?)")]
    [InlineData("count of a name search", "COVERING INDEX IX_OrganisationMembers_TenantId_SortName_Id (TenantId=? AND SortName>? AND SortName<?)", "COVERING INDEX IX_OrganisationMembers_TenantId_SearchName_SortName_Id (TenantId=? AND SearchName>? AND SearchName<?)")]
    [InlineData("count of an email search", "COVERING INDEX IX_OrganisationMembers_TenantId_NormalizedEmail (TenantId=? AND NormalizedEmail>? AND NormalizedEmail<?)")]
    [InlineData("count of role and status", "COVERING INDEX IX_OrganisationMembers_TenantId_Role_Status_SortName_Id (TenantId=? AND Role=? AND Status=?)")]
    public async Task Every_directory_query_reads_a_range_of_an_index_on_sqlite(string scenario, params string[] expected)
    {
        var directory = await DirectoryAsAsync(AcmeAdmin);
        var cursor = (await directory.PageAsync(new MemberQuery(), null, 30))[^1].Cursor;
        app.Commands.Take();

        Task run = scenario switch
        {
            "first page" => directory.PageAsync(new MemberQuery(), null),
            "page after a cursor" => directory.PageAsync(new MemberQuery(), cursor),
            "email search" => directory.PageAsync(new MemberQuery("ada.lovelace1@"), null),
            "email search after a cursor" => directory.PageAsync(new MemberQuery("ada.lovelace1@"), cursor),
            "name search" => directory.PageAsync(new MemberQuery("ada"), null),
            "name search after a cursor" => directory.PageAsync(new MemberQuery("ada"), cursor),
            "status after a cursor" => directory.PageAsync(new MemberQuery(Status: MemberStatus.Invited), cursor),
            "role after a cursor" => directory.PageAsync(new MemberQuery(Role: OrganisationRole.Admin), cursor),
            "role and status" => directory.PageAsync(new MemberQuery(Role: OrganisationRole.Member, Status: MemberStatus.Invited), null),
            "count" => directory.CountAsync(new MemberQuery()),
            "count of a name search" => directory.CountAsync(new MemberQuery("ada")),
            "count of an email search" => directory.CountAsync(new MemberQuery("ada@")),
            "count of role and status" => directory.CountAsync(new MemberQuery(Role: OrganisationRole.Member, Status: MemberStatus.Invited)),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };
        await run;

        var plans = new List<string>();
        foreach (var (sql, parameters) in app.Commands.Take().Where(c => c.Sql.Contains("\"OrganisationMembers\"", StringComparison.Ordinal)))
        {
            plans.AddRange(await QueryPlanAsync(sql, parameters));
        }

        var plan = string.Join("\n", plans);
        foreach (var step in expected)
        {
            plan.ShouldContain(step, Case.Sensitive, $"the plan of {scenario}:\n{plan}");
        }

        // Neither the whole table, nor the organisation's rows walked one by one through the tenant index alone.
        plans.ShouldNotContain(line => line.StartsWith("SCAN o ", StringComparison.Ordinal) || line == "SCAN o", $"the plan of {scenario}:\n{plan}");
        plan.ShouldNotContain("IX_OrganisationMembers_TenantId (", Case.Sensitive, $"the plan of {scenario}:\n{plan}");
        if (!scenario.Contains("search", StringComparison.Ordinal))
        {
            plan.ShouldNotContain("TEMP B-TREE", Case.Sensitive, $"the plan of {scenario} sorts:\n{plan}");
        }
    }

    private Task<List<string>> QueryPlanAsync(string sql, (string Name, object? Value)[] parameters) => SqliteQueryPlan.ExplainAsync(app.Factory.DatabasePath, sql, parameters);

    private async Task<MemberDirectory> DirectoryAsAsync(string email)
    {
        var scope = await app.Factory.ActingAsAsync(email);
        _scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<MemberDirectory>();
    }

    private async Task<List<string>> AcmeUserIdsAsync()
    {
        await using var db = app.Factory.CreateDbContext(await app.Factory.OrganisationAsync("acme"));
        return await db.OrganisationMembers.Select(m => m.UserId).ToListAsync();
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var db = app.Factory.CreateDbContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private static string Text(Guid id) => id.ToString("D").ToUpperInvariant();
}
