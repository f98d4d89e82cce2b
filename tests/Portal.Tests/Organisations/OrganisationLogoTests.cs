using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Profiles.Photos;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Features.Organisations;

namespace Portal.Tests.Organisations;

public sealed class OrganisationLogoTests : AppTest
{
    [Fact]
    public async Task An_owner_uploads_a_logo_that_their_members_and_only_they_can_load()
    {
        (await UploadAsync("owner@acme.test", TestImages.Png(96, 48))).Succeeded.ShouldBeTrue();

        using var member = new PortalClient(Factory);
        await member.SignInAsync("member@acme.test");
        var response = await member.Http.GetAsync(new Uri("/organisation/logo", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/webp");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("sandbox");

        using var other = new PortalClient(Factory);
        await other.SignInAsync("owner@globex.test");
        (await other.Http.GetAsync(new Uri("/organisation/logo", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var anonymous = new PortalClient(Factory);
        (await anonymous.Http.GetAsync(new Uri("/organisation/logo", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using var db = Factory.CreateDbContext();
        var changed = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.LogoChanged);
        changed.ActorId.ShouldBe(await Factory.UserIdAsync("owner@acme.test"));
    }

    [Fact]
    public async Task Only_an_owner_changes_the_logo_and_a_file_that_is_not_an_image_is_refused()
    {
        var byAdmin = await UploadAsync("admin@acme.test", TestImages.Png(96, 96));
        var notAnImage = await UploadAsync("owner@acme.test", "MZ this is a program"u8.ToArray());

        byAdmin.Error.ShouldBe("Only Owners can change the organisation's logo.");
        notAnImage.Error.ShouldBe("That file is not a photo. Choose a JPEG, PNG or WebP image.");
        await using var db = Factory.CreateDbContext();
        (await db.OrganisationLogos.IgnoreQueryFilters().CountAsync()).ShouldBe(0);
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.LogoChanged)).ShouldBe(0);
    }

    [Fact]
    public async Task A_removed_logo_is_gone_for_everyone_and_the_removal_is_audited()
    {
        await UploadAsync("owner@acme.test", TestImages.Png(64, 64));
        using (var scope = await Factory.ScopeForSessionAsync("admin@acme.test", Guid.NewGuid()))
        {
            (await scope.ServiceProvider.GetRequiredService<OrganisationLogos>().RemoveAsync()).ShouldBeFalse();
        }

        using (var scope = await Factory.ScopeForSessionAsync("owner@acme.test", Guid.NewGuid()))
        {
            (await scope.ServiceProvider.GetRequiredService<OrganisationLogos>().RemoveAsync()).ShouldBeTrue();
        }

        using var member = new PortalClient(Factory);
        await member.SignInAsync("member@acme.test");
        (await member.Http.GetAsync(new Uri("/organisation/logo", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.LogoRemoved)).ShouldBe(1);
    }

    private async Task<Portal.Web.Features.Profiles.PhotoUpload> UploadAsync(string actor, byte[] content)
    {
        using var scope = await Factory.ScopeForSessionAsync(actor, Guid.NewGuid());
        using var stream = new MemoryStream(content);
        return await scope.ServiceProvider.GetRequiredService<OrganisationLogos>().UploadAsync(stream);
    }
}
