using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Features.Organisations;

namespace Portal.Tests.Features;

public sealed class PageAccessTests(SharedApp app) : IClassFixture<SharedApp>
{
    private readonly PortalFactory _factory = app.Factory;

    [Theory]
    [InlineData("/", null, "/Account/Login")]
    [InlineData("/organisation", "member@acme.test", "/Account/AccessDenied")]
    [InlineData("/organisation", "support@portal.test", "/Account/AccessDenied")]
    [InlineData("/organisation/members", "member@acme.test", "/Account/AccessDenied")]
    [InlineData("/organisation/members", null, "/Account/Login")]
    [InlineData("/organisation/members/any-id", "member@acme.test", "/Account/AccessDenied")]
    [InlineData("/organisation/members/any-id", null, "/Account/Login")]
    [InlineData("/organisation/invitations", "member@acme.test", "/Account/AccessDenied")]
    [InlineData("/organisation/invitations", "support@portal.test", "/Account/AccessDenied")]
    [InlineData("/support", "owner@acme.test", "/Account/AccessDenied")]
    [InlineData("/support", null, "/Account/Login")]
    [InlineData("/support/organisations", "admin@acme.test", "/Account/AccessDenied")]
    [InlineData("/support/audit", "owner@acme.test", "/Account/AccessDenied")]
    [InlineData("/support/disclosures", "admin@acme.test", "/Account/AccessDenied")]
    [InlineData("/account/privacy", null, "/Account/Login")]
    [InlineData("/support/users/any-id", "owner@acme.test", "/Account/AccessDenied")]
    public async Task Pages_turn_away_people_without_the_policy(string path, string? email, string redirect)
    {
        using var client = new PortalClient(_factory);
        if (email is not null)
        {
            await client.SignInAsync(email);
        }

        var response = await client.Http.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe(redirect);
    }

    [Fact]
    public async Task An_organisation_admin_sees_only_their_own_organisation()
    {
        using var client = new PortalClient(_factory);
        await client.SignInAsync("admin@acme.test");

        var page = await client.GetStringAsync("/organisation");

        page.ShouldMatch("data-testid=\"organisation-title\"[^>]*>Acme<");
        page.ShouldNotContain("Globex");
        page.ShouldMatch("data-testid=\"count-Member\"[^>]*><strong[^>]*>1</strong>");
    }

    [Fact]
    public async Task An_organisation_admin_lists_their_own_members_and_no_one_elses()
    {
        using var client = new PortalClient(_factory);
        await client.SignInAsync("admin@acme.test");

        var page = await client.GetStringAsync("/organisation/members");
        // The grid asks for its rows once the page is interactive, from the directory the admin's session reaches.
        using var scope = await _factory.ScopeForSessionAsync("admin@acme.test", Guid.NewGuid());
        var rows = await scope.ServiceProvider.GetRequiredService<MemberDirectory>().PageAsync(new MemberQuery("", null, null), after: null);

        page.ShouldContain("<h1");
        page.ShouldNotContain("globex.test");
        rows.Select(r => r.Email).ShouldBe(["admin@acme.test", "member@acme.test", "owner@acme.test"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("support@portal.test")]
    [InlineData("admin@portal.test")]
    public async Task Support_staff_see_the_platform_overview(string email)
    {
        using var client = new PortalClient(_factory);
        await client.SignInAsync(email);

        var response = await client.Http.GetAsync(new Uri("/support", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Verify the audit chain");
    }

    [Fact]
    public async Task Data_protection_keys_are_kept_in_the_database_for_every_instance()
    {
        using var client = new PortalClient(_factory);
        await client.SignInAsync("member@acme.test");

        await using var db = _factory.CreateDbContext();

        db.DataProtectionKeys.Count().ShouldBeGreaterThan(0);
        db.DataProtectionKeys.First().Xml.ShouldContain("<key");
    }
}
