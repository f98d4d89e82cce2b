using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Features.Organisations;

namespace Portal.Tests.Organisations;

public sealed class InvitationTests : AppTest
{
    private const string Admin = "admin@acme.test";
    private const string Newcomer = "nora@example.test";
    private const string NewcomerKey = "NORA@EXAMPLE.TEST";

    [Fact]
    public async Task An_invited_person_creates_their_account_from_the_link_and_joins_with_the_role()
    {
        (await InviteAsync(Admin, Newcomer, OrganisationRole.Admin)).ShouldBe(InvitationOutcome.Sent);
        var link = (await Factory.ToAsync(Newcomer)).Single().LinkTo("/invitations/accept");

        using var client = new PortalClient(Factory);
        (await client.GetStringAsync(link)).ShouldContain("Join Acme on Portal");
        var response = await client.SubmitAsync(link, "join-new", NewAccount());

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("Account/Login");
        await using var db = Factory.CreateDbContext(await AcmeAsync());
        var member = await db.OrganisationMembers.Include(m => m.User).SingleAsync(m => m.NormalizedEmail == NewcomerKey);
        member.Role.ShouldBe(OrganisationRole.Admin);
        member.User!.EmailConfirmed.ShouldBeTrue();
        member.User.FirstName.ShouldBe("Nora");
        (await db.PolicyAcceptances.CountAsync(a => a.UserId == member.UserId)).ShouldBe(2);
        (await db.Invitations.SingleAsync()).AcceptedAt.ShouldNotBeNull();
        (await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.InvitationAccepted)).SubjectId.ShouldBe(member.UserId);
        (await client.SignInAsync(Newcomer, "a long enough passphrase")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.IsSignedInAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task A_used_revoked_resent_or_expired_link_no_longer_works()
    {
        await InviteAsync(Admin, Newcomer);
        var first = (await Factory.ToAsync(Newcomer)).Single().LinkTo("/invitations/accept");
        using var client = new PortalClient(Factory);

        (await ActAsync(Admin, async invitations => await invitations.ResendAsync((await invitations.ListAsync()).Single().Id))).ShouldBe(InvitationOutcome.Sent);
        (await client.GetStringAsync(first)).ShouldContain("This invitation cannot be used");
        var second = (await Factory.ToAsync(Newcomer)).Last().LinkTo("/invitations/accept");
        (await client.GetStringAsync(second)).ShouldContain("Join Acme on Portal");

        Factory.Time.Advance(Invitation.Lifetime);
        (await client.GetStringAsync(second)).ShouldContain("This invitation cannot be used");
        (await client.SubmitAsync(second, "join-new", NewAccount(), tokenPage: "/Account/Login")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await ActAsync(Admin, async invitations => await invitations.ResendAsync((await invitations.ListAsync()).Single().Id))).ShouldBe(InvitationOutcome.Sent);
        var third = (await Factory.ToAsync(Newcomer)).Last().LinkTo("/invitations/accept");
        (await ActAsync(Admin, async invitations => await invitations.RevokeAsync((await invitations.ListAsync()).Single().Id))).ShouldBe(InvitationOutcome.Sent);
        (await client.GetStringAsync(third)).ShouldContain("This invitation cannot be used");
        (await client.GetStringAsync("/invitations/accept?token=forged")).ShouldContain("This invitation cannot be used");

        await using var db = Factory.CreateDbContext();
        (await db.Users.AnyAsync(u => u.NormalizedEmail == NewcomerKey)).ShouldBeFalse();
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.InvitationResent)).ShouldBe(2);
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.InvitationRevoked)).ShouldBe(1);
    }

    [Fact]
    public async Task A_bad_form_creates_nothing_and_keeps_the_invitation_open()
    {
        await InviteAsync(Admin, Newcomer);
        var link = (await Factory.ToAsync(Newcomer)).Single().LinkTo("/invitations/accept");
        using var client = new PortalClient(Factory);

        var fields = NewAccount();
        fields["Input.ConfirmPassword"] = "something else entirely";
        fields.Remove("Input.AcceptTerms");
        var page = await (await client.SubmitAsync(link, "join-new", fields)).Content.ReadAsStringAsync();

        page.ShouldContain("The passwords do not match");
        await using var db = Factory.CreateDbContext(await AcmeAsync());
        (await db.Users.AnyAsync(u => u.NormalizedEmail == NewcomerKey)).ShouldBeFalse();
        (await db.Invitations.SingleAsync()).AcceptedAt.ShouldBeNull();
    }

    [Fact]
    public async Task A_person_with_an_account_moves_only_when_signed_in_as_it_and_consenting()
    {
        await InviteAsync(Admin, "owner@globex.test");
        (await InviteAsync("owner@globex.test", "member@acme.test")).ShouldBe(InvitationOutcome.Sent);
        var link = (await Factory.ToAsync("member@acme.test")).Single().LinkTo("/invitations/accept");
        using var client = new PortalClient(Factory);

        (await client.GetStringAsync(link)).ShouldContain("already has a Portal account");
        await client.SignInAsync("member@acme.test");
        (await client.GetStringAsync(link)).ShouldContain("Accepting moves your account from Acme to Globex");
        (await client.SubmitAsync(link, "join-existing", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MembershipAsync("member@acme.test")).ShouldBe("Acme");

        var moved = await client.SubmitAsync(link, "join-existing", new Dictionary<string, string> { ["Move.Consent"] = "true" });

        moved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await MembershipAsync("member@acme.test")).ShouldBe("Globex");
        (await client.IsSignedInAsync()).ShouldBeFalse();
        await using var db = Factory.CreateDbContext();
        var memberId = await Factory.UserIdAsync("member@acme.test");
        var left = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.MemberLeft);
        left.OrganisationId.ShouldBe(await AcmeAsync());
        (await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.InvitationAccepted)).SubjectId.ShouldBe(memberId);
    }

    [Fact]
    public async Task The_only_owner_of_an_organisation_with_members_cannot_leave_it_by_invitation()
    {
        (await InviteAsync("owner@globex.test", "owner@acme.test", OrganisationRole.Owner)).ShouldBe(InvitationOutcome.Sent);
        var link = (await Factory.ToAsync("owner@acme.test")).Single().LinkTo("/invitations/accept");
        using var client = new PortalClient(Factory);
        await client.SignInAsync("owner@acme.test");

        (await client.GetStringAsync(link)).ShouldContain("You are the only Owner of Acme");
        await client.SubmitAsync(link, "join-existing", new Dictionary<string, string> { ["Move.Consent"] = "true" }, tokenPage: "/Account/Login");

        (await MembershipAsync("owner@acme.test")).ShouldBe("Acme");
    }

    [Fact]
    public async Task Invitations_are_refused_for_members_already_in_roles_above_the_inviter_and_bad_addresses()
    {
        (await InviteAsync(Admin, "member@acme.test")).ShouldBe(InvitationOutcome.AlreadyMember);
        (await InviteAsync(Admin, "someone@example.test", OrganisationRole.Owner)).ShouldBe(InvitationOutcome.Forbidden);
        (await InviteAsync(Admin, "not an address")).ShouldBe(InvitationOutcome.Invalid);
        (await InviteAsync(Admin, "someone@example.test", (OrganisationRole)9)).ShouldBe(InvitationOutcome.Invalid);
        (await InviteAsync("member@acme.test", "someone@example.test")).ShouldBe(InvitationOutcome.Forbidden);
        (await InviteAsync("support@portal.test", "someone@example.test")).ShouldBe(InvitationOutcome.Forbidden);
        (await InviteAsync(Admin, Newcomer)).ShouldBe(InvitationOutcome.Sent);
        (await InviteAsync(Admin, Newcomer.ToUpperInvariant())).ShouldBe(InvitationOutcome.AlreadyInvited);

        await using var db = Factory.CreateDbContext();
        (await db.Invitations.IgnoreQueryFilters().CountAsync()).ShouldBe(1);
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.MemberInvited)).ShouldBe(1);
        (await Factory.ToAsync(Newcomer)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Another_organisation_neither_lists_resends_nor_revokes_acme_s_invitations()
    {
        await InviteAsync(Admin, Newcomer);
        var id = await ActAsync(Admin, async invitations => (await invitations.ListAsync()).Single().Id);

        (await ActAsync("owner@globex.test", invitations => invitations.ListAsync())).ShouldBeEmpty();
        (await ActAsync("owner@globex.test", invitations => invitations.ResendAsync(id))).ShouldBe(InvitationOutcome.NotFound);
        (await ActAsync("owner@globex.test", invitations => invitations.RevokeAsync(id))).ShouldBe(InvitationOutcome.NotFound);

        await using var db = Factory.CreateDbContext(await AcmeAsync());
        (await db.Invitations.SingleAsync()).RevokedAt.ShouldBeNull();
        (await Factory.ToAsync(Newcomer)).Count.ShouldBe(1);
    }

    private static Dictionary<string, string> NewAccount() => new()
    {
        ["Input.FirstName"] = "Nora",
        ["Input.LastName"] = "Newcomer",
        ["Input.Password"] = "a long enough passphrase",
        ["Input.ConfirmPassword"] = "a long enough passphrase",
        ["Input.IsAtLeast13"] = "true",
        ["Input.AcceptTerms"] = "true",
    };

    private Task<InvitationOutcome> InviteAsync(string actor, string email, OrganisationRole role = OrganisationRole.Member) =>
        ActAsync(actor, invitations => invitations.InviteAsync(new InvitationForm { Email = email, Role = role }));

    private async Task<T> ActAsync<T>(string actor, Func<Invitations, Task<T>> act)
    {
        using var scope = await Factory.ScopeForSessionAsync(actor, Guid.NewGuid());
        return await act(scope.ServiceProvider.GetRequiredService<Invitations>());
    }

    private async Task<Guid> AcmeAsync()
    {
        await using var db = Factory.CreateDbContext();
        return await db.Organisations.Where(o => o.Name == "Acme").Select(o => o.Id).SingleAsync();
    }

    private async Task<string> MembershipAsync(string email)
    {
        var userId = await Factory.UserIdAsync(email);
        await using var db = Factory.CreateDbContext();
        return await db.OrganisationMembers.IgnoreQueryFilters().Where(m => m.UserId == userId)
            .Join(db.Organisations, m => m.TenantId, o => o.Id, (m, o) => o.Name).SingleAsync();
    }
}
