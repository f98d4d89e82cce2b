using System.Text.RegularExpressions;
using System.Net;
using Portal.Tests.Infrastructure;
using Portal.Web.Features.Profiles;

namespace Portal.Tests.Profiles;

public sealed class PublicProfileTests(SharedApp app) : IClassFixture<SharedApp>
{
    private readonly PortalFactory _factory = app.Factory;

    [Theory]
    [InlineData(ProfileVisibility.Private, null, false)]
    [InlineData(ProfileVisibility.Private, "member@acme.test", true)]
    [InlineData(ProfileVisibility.Private, "admin@acme.test", true)]
    [InlineData(ProfileVisibility.Private, "owner@acme.test", true)]
    [InlineData(ProfileVisibility.Private, "owner@globex.test", false)]
    [InlineData(ProfileVisibility.Private, "support@portal.test", false)]
    [InlineData(ProfileVisibility.Organisation, null, false)]
    [InlineData(ProfileVisibility.Organisation, "admin@acme.test", true)]
    [InlineData(ProfileVisibility.Organisation, "owner@globex.test", false)]
    [InlineData(ProfileVisibility.Public, null, true)]
    [InlineData(ProfileVisibility.Public, "owner@globex.test", true)]
    public async Task A_profile_is_shown_only_to_the_audience_its_owner_chose(ProfileVisibility visibility, string? viewer, bool visible)
    {
        var username = $"mia-{visibility}".ToLowerInvariant();
        (await _factory.EditProfileAsync("member@acme.test", p => { p.Username = username; p.Visibility = visibility; p.JobTitle = "Engineer"; })).Succeeded.ShouldBeTrue();
        using var client = new PortalClient(_factory);
        if (viewer is not null)
        {
            await client.SignInAsync(viewer);
        }

        var response = await client.Http.GetAsync(new Uri($"/u/{username}", UriKind.Relative));

        response.StatusCode.ShouldBe(visible ? HttpStatusCode.OK : HttpStatusCode.NotFound);
        var html = await response.Content.ReadAsStringAsync();
        if (visible)
        {
            html.ShouldContain("Mia Member");
        }
        else
        {
            html.ShouldNotContain("Mia Member");
            html.ShouldNotContain("Engineer");
        }
    }

    [Fact]
    public async Task An_unknown_username_looks_exactly_like_a_hidden_one()
    {
        (await _factory.EditProfileAsync("owner@globex.test", p => { p.Username = "gina-hidden"; p.Visibility = ProfileVisibility.Private; })).Succeeded.ShouldBeTrue();
        using var client = new PortalClient(_factory);

        var hidden = await client.Http.GetAsync(new Uri("/u/gina-hidden", UriKind.Relative));
        var unknown = await client.Http.GetAsync(new Uri("/u/nobody-at-all", UriKind.Relative));

        hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Comparable(await hidden.Content.ReadAsStringAsync(), "gina-hidden")
            .ShouldBe(Comparable(await unknown.Content.ReadAsStringAsync(), "nobody-at-all"));

        // The pages may differ only by the address asked for (echoed in the language links) and the encrypted state.
        static string Comparable(string html, string username) =>
            Regex.Replace(html.Replace(username, "NAME", StringComparison.Ordinal), "<!--Blazor-Server-Component-State:[^>]*-->", "");
    }

    [Fact]
    public async Task A_public_page_is_not_indexed_unless_its_owner_allows_it()
    {
        (await _factory.EditProfileAsync("admin@acme.test", p => { p.Username = "adam"; p.Visibility = ProfileVisibility.Public; p.AllowSearchIndexing = false; })).Succeeded.ShouldBeTrue();
        using var client = new PortalClient(_factory);

        var closed = await client.Http.GetAsync(new Uri("/u/adam", UriKind.Relative));
        closed.Headers.GetValues("X-Robots-Tag").ShouldBe(["noindex"]);
        (await closed.Content.ReadAsStringAsync()).ShouldContain("<meta name=\"robots\" content=\"noindex\"");

        (await _factory.EditProfileAsync("admin@acme.test", p => p.AllowSearchIndexing = true)).Succeeded.ShouldBeTrue();
        var open = await client.Http.GetAsync(new Uri("/u/adam", UriKind.Relative));

        open.StatusCode.ShouldBe(HttpStatusCode.OK);
        open.Headers.Contains("X-Robots-Tag").ShouldBeFalse();
        (await open.Content.ReadAsStringAsync()).ShouldNotContain("noindex");
    }

    [Fact]
    public async Task The_sitemap_lists_only_public_indexable_profiles_and_robots_points_to_it()
    {
        (await _factory.EditProfileAsync("owner@acme.test", p => { p.Username = "olivia-listed"; p.Visibility = ProfileVisibility.Public; p.AllowSearchIndexing = true; })).Succeeded.ShouldBeTrue();
        (await _factory.EditProfileAsync("support@portal.test", p => { p.Username = "sam-unlisted"; p.Visibility = ProfileVisibility.Public; p.AllowSearchIndexing = false; })).Succeeded.ShouldBeTrue();
        using var client = new PortalClient(_factory);

        var sitemap = await client.GetStringAsync("/sitemap.xml");
        var robots = await client.GetStringAsync("/robots.txt");

        sitemap.ShouldContain("<loc>https://localhost/u/olivia-listed</loc>");
        sitemap.ShouldNotContain("sam-unlisted");
        sitemap.ShouldNotContain("gina-hidden");
        robots.ShouldContain("Sitemap: https://localhost/sitemap.xml");
    }

    [Fact]
    public async Task Robots_and_the_sitemap_name_the_configured_address_whatever_host_the_request_claims()
    {
        // Any host gets through host filtering here, so only Portal:BaseUrl keeps a forged one out of the links.
        await using var factory = new PortalFactory().With("AllowedHosts", "*");
        (await factory.EditProfileAsync("owner@acme.test", p => { p.Username = "olivia-hosted"; p.Visibility = ProfileVisibility.Public; p.AllowSearchIndexing = true; })).Succeeded.ShouldBeTrue();
        using var client = new PortalClient(factory);

        foreach (var path in new[] { "/robots.txt", "/sitemap.xml" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Host = "evil.example";
            var response = await client.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            body.ShouldNotContain("evil.example");
            body.ShouldContain("https://localhost/");
        }
    }

    [Fact]
    public async Task Hiding_a_cached_public_page_takes_effect_at_once()
    {
        (await _factory.EditProfileAsync("admin@portal.test", p => { p.Username = "pat-cached"; p.Visibility = ProfileVisibility.Public; })).Succeeded.ShouldBeTrue();
        using var client = new PortalClient(_factory);
        (await client.Http.GetAsync(new Uri("/u/pat-cached", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.Http.GetAsync(new Uri("/u/pat-cached", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await _factory.EditProfileAsync("admin@portal.test", p => p.Visibility = ProfileVisibility.Private)).Succeeded.ShouldBeTrue();

        (await client.Http.GetAsync(new Uri("/u/pat-cached", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Anonymous_readers_get_no_cookie_and_a_cached_page()
    {
        (await _factory.EditProfileAsync("owner@acme.test", p => { p.Username = "olivia-cached"; p.Visibility = ProfileVisibility.Public; })).Succeeded.ShouldBeTrue();
        using var client = new PortalClient(_factory);

        var first = await client.Http.GetAsync(new Uri("/u/olivia-cached", UriKind.Relative));
        var second = await client.Http.GetAsync(new Uri("/u/olivia-cached", UriKind.Relative));

        first.Headers.Contains("Set-Cookie").ShouldBeFalse();
        second.Headers.Contains("Set-Cookie").ShouldBeFalse();
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.Headers.Age.ShouldNotBeNull("the second answer should come from the output cache");
    }
}
