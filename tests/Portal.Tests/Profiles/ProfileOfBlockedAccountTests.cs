using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Profiles.Photos;
using Portal.Tests.Security;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Privacy;
using Portal.Web.Features.Profiles;
using Portal.Web.Features.Support;

namespace Portal.Tests.Profiles;

/// <summary>A restricted or closed member's public profile, photo and sitemap entry are served to no one, cached or not.</summary>
public sealed class ProfileOfBlockedAccountTests : AppTest
{
    private const string Member = "member@acme.test";

    public override async Task InitializeAsync()
    {
        (await Factory.EditProfileAsync(Member, p => { p.Username = "mia"; p.Visibility = ProfileVisibility.Public; p.AllowSearchIndexing = true; })).Succeeded.ShouldBeTrue();
        (await Factory.UploadPhotoAsync(Member, TestImages.Png(64, 48))).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData("restrict")]
    [InlineData("close")]
    public async Task A_restricted_or_closed_members_profile_photo_and_sitemap_entry_go_at_once(string action)
    {
        using var reader = new PortalClient(Factory);
        await ShownAsync(reader, true); // Now in the cache.

        (await ActAsAdminAsync(action)).ShouldBe(MemberActionOutcome.Done);

        await ShownAsync(reader, false);
        using var colleague = new PortalClient(Factory);
        await colleague.SignInAsync("owner@acme.test");
        (await colleague.Http.GetAsync(new Uri("/u/mia", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Lifting_a_restriction_serves_the_profile_again()
    {
        (await ActAsAdminAsync("restrict")).ShouldBe(MemberActionOutcome.Done);
        using var reader = new PortalClient(Factory);
        await ShownAsync(reader, false);

        (await ActAsAdminAsync("lift")).ShouldBe(MemberActionOutcome.Done);

        await ShownAsync(reader, true);
    }

    [Fact]
    public async Task A_suspended_organisations_members_profiles_are_not_served()
    {
        using var reader = new PortalClient(Factory);
        await ShownAsync(reader, true);
        Guid organisation;
        await using (var db = Factory.CreateDbContext())
        {
            organisation = await db.Organisations.Where(o => o.Slug == "acme").Select(o => o.Id).SingleAsync();
        }

        using (var scope = await Factory.ScopeForSessionAsync("admin@portal.test", Guid.NewGuid()))
        {
            (await scope.ServiceProvider.GetRequiredService<PlatformOrganisations>().SuspendAsync(organisation, "Reported abuse")).ShouldBe(SuspensionOutcome.Done);
        }

        await ShownAsync(reader, false);
    }

    private static async Task ShownAsync(PortalClient reader, bool shown)
    {
        var expected = shown ? HttpStatusCode.OK : HttpStatusCode.NotFound;
        (await reader.Http.GetAsync(new Uri("/u/mia", UriKind.Relative))).StatusCode.ShouldBe(expected);
        (await reader.Http.GetAsync(new Uri("/u/mia/photo", UriKind.Relative))).StatusCode.ShouldBe(expected);
        var sitemap = await reader.GetStringAsync("/sitemap.xml");
        if (shown)
        {
            sitemap.ShouldContain("/u/mia</loc>");
        }
        else
        {
            sitemap.ShouldNotContain("/u/mia</loc>");
        }
    }

    private async Task<MemberActionOutcome> ActAsAdminAsync(string action)
    {
        var memberId = await Factory.UserIdAsync(Member);
        using var scope = await Factory.ScopeForSessionAsync("admin@acme.test", Guid.NewGuid());
        var members = scope.ServiceProvider.GetRequiredService<MemberAdministration>();
        return action switch
        {
            "restrict" => await members.RestrictAsync(memberId),
            "lift" => await members.LiftRestrictionAsync(memberId),
            _ => await scope.ServiceProvider.GetRequiredService<MemberClosures>().CloseAsync(memberId),
        };
    }
}
