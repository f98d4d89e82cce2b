using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Features.Organisations;

namespace Portal.Tests.Organisations;

public sealed class MemberRecordTests : AppTest
{
    private const string Admin = "admin@acme.test";
    private const string Member = "member@acme.test";

    [Fact]
    public async Task An_admin_sees_what_is_in_and_about_a_member_s_account_and_what_they_may_do()
    {
        using var member = new PortalClient(Factory);
        await member.SignInAsync(Member);

        var details = await DetailsAsync(Admin, Member);

        details.ShouldNotBeNull();
        details.Email.ShouldBe(Member);
        details.Profile.FirstName.ShouldBe("Mia");
        details.Status.ShouldBe(MemberStatus.Active);
        details.Sessions.Count.ShouldBe(1);
        details.SignIns.ShouldContain(s => s.Outcome == Portal.Web.Features.Security.SignInOutcome.Succeeded);
        details.Consents.Count.ShouldBe(2);
        details.May(MemberAction.Restrict).ShouldBeTrue();
        details.AssignableRoles.ShouldBe([OrganisationRole.Admin, OrganisationRole.Member]);
        details.CanTransferOwnership.ShouldBeFalse();
    }

    [Fact]
    public async Task An_owner_may_hand_over_ownership_and_an_admin_may_not_open_the_owner_s_record()
    {
        (await DetailsAsync("owner@acme.test", Member))!.CanTransferOwnership.ShouldBeTrue();

        (await DetailsAsync(Admin, "owner@acme.test")).ShouldBeNull();
    }

    [Fact]
    public async Task Another_organisation_s_owner_finds_no_such_member()
    {
        (await DetailsAsync("owner@globex.test", Member)).ShouldBeNull();

        using var client = new PortalClient(Factory);
        await client.SignInAsync("owner@globex.test");
        var page = await client.Http.GetAsync(new Uri($"/organisation/members/{await Factory.UserIdAsync(Member)}", UriKind.Relative));
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await page.Content.ReadAsStringAsync()).ShouldNotContain(Member);
    }

    [Fact]
    public async Task The_member_page_shows_the_member_to_their_admin()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Admin);

        var page = await client.GetStringAsync($"/organisation/members/{await Factory.UserIdAsync(Member)}");

        page.ShouldContain("data-testid=\"member-title\"");
        page.ShouldContain(Member);
        page.ShouldContain("Restrict sign-in");
    }

    [Fact]
    public async Task An_admin_downloads_a_member_s_data_without_secrets_and_the_export_is_audited()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Admin);
        var memberId = await Factory.UserIdAsync(Member);

        var response = await client.Http.GetAsync(new Uri($"/organisation/members/{memberId}/export", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var json = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("account").GetProperty("email").GetString().ShouldBe(Member);
        document.RootElement.GetProperty("profile").GetProperty("firstName").GetString().ShouldBe("Mia");
        json.ShouldNotContain("passwordHash", Case.Insensitive);
        json.ShouldNotContain("securityStamp", Case.Insensitive);
        await using var db = Factory.CreateDbContext();
        var exported = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.MemberDataExported);
        exported.SubjectId.ShouldBe(memberId);
        exported.ActorId.ShouldBe(await Factory.UserIdAsync(Admin));
    }

    [Theory]
    [InlineData("owner@globex.test", HttpStatusCode.NotFound)]
    [InlineData("member@acme.test", HttpStatusCode.Redirect)]
    public async Task Nobody_else_downloads_a_member_s_data(string actor, HttpStatusCode expected)
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(actor);
        var ownerId = await Factory.UserIdAsync(actor == Member ? "admin@acme.test" : Member);

        var response = await client.Http.GetAsync(new Uri($"/organisation/members/{ownerId}/export", UriKind.Relative));

        response.StatusCode.ShouldBe(expected);
        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.MemberDataExported)).ShouldBe(0);
    }

    [Fact]
    public async Task An_admin_cannot_export_the_owner_above_them()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Admin);

        var response = await client.Http.GetAsync(new Uri($"/organisation/members/{await Factory.UserIdAsync("owner@acme.test")}/export", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/Account/AccessDenied");
    }

    private async Task<MemberDetails?> DetailsAsync(string actor, string of)
    {
        var memberId = await Factory.UserIdAsync(of);
        using var scope = await Factory.ScopeForSessionAsync(actor, Guid.NewGuid());
        return await scope.ServiceProvider.GetRequiredService<MemberRecord>().GetAsync(memberId);
    }
}
