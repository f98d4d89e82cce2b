using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Privacy;
using Portal.Web.Features.Support;
using Portal.Web.Tenancy;

namespace Portal.Tests.Support;

/// <summary>An impersonation cannot create lasting access: every access change is refused, shown and audited, and its end is the organisation's to call.</summary>
public sealed class ImpersonationAccessChangeTests : AppTest
{
    private const string Agent = "support@portal.test";
    private const string Owner = "owner@acme.test";
    private const string Admin = "admin@acme.test";
    private const string Member = "member@acme.test";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Acting_as_an_owner_no_access_change_is_made_and_each_refusal_is_audited_with_its_operation(bool readOnly)
    {
        var memberId = await Factory.UserIdAsync(Member);
        var adminId = await Factory.UserIdAsync(Admin);
        var started = await Factory.StartAsync(Agent, Owner, readOnly);
        using var scope = Factory.ScopeFor(started.Principal!);
        var services = scope.ServiceProvider;
        var members = services.GetRequiredService<MemberAdministration>();
        var settings = services.GetRequiredService<OrganisationSettings>();
        var form = (await settings.GetAsync()).Form;
        form.SupportMayAccess = false;
        var acme = (await members.FindAsync(memberId))!.OrganisationId;

        var attempts = new (string Operation, Func<Task> Attempt)[]
        {
            ("invite", () => services.GetRequiredService<Invitations>().InviteAsync(new InvitationForm { Email = "agent@elsewhere.test", Role = OrganisationRole.Owner })),
            ("invite", () => services.GetRequiredService<Invitations>().InviteAsync(new InvitationForm { Email = "agent@elsewhere.test", Role = OrganisationRole.Member })),
            ("create_account_on_behalf", () => services.GetRequiredService<OnBehalfAccounts>().CreateAsync(new OnBehalfForm
            {
                FirstName = "Eve", LastName = "Agent", Email = "eve@elsewhere.test", Role = OrganisationRole.Owner, AttestsAuthority = true,
            })),
            ("change_role", () => members.ChangeRoleAsync(memberId, OrganisationRole.Owner)),
            ("transfer_ownership", () => members.TransferOwnershipAsync(adminId)),
            ("restrict_member", () => members.RestrictAsync(memberId)),
            ("close_member", () => services.GetRequiredService<MemberClosures>().CloseAsync(memberId)),
            ("reopen_member", () => services.GetRequiredService<MemberClosures>().ReopenAsync(memberId)),
            ("decide_closure_request", () => services.GetRequiredService<MemberClosures>().ApproveAsync(memberId)),
            ("decide_closure_request", () => services.GetRequiredService<MemberClosures>().DeclineAsync(memberId, "Not now")),
            ("reset_two_factor", () => members.ResetTwoFactorAsync(memberId)),
            ("end_member_sessions", () => members.EndSessionsAsync(memberId)),
            ("organisation_settings", () => settings.UpdateAsync(form)),
            ("verified_domains", () => services.GetRequiredService<OrganisationDomains>().AddAsync("acme-agent.test")),
            ("organisation_logo", () => services.GetRequiredService<OrganisationLogos>().RemoveAsync()),
            ("announce", () => services.GetRequiredService<Announcements>().QueueAsync(new AnnouncementForm
            {
                Subject = "Please sign in again", Body = "Follow the link.", Audience = AnnouncementAudience.Organisation, OrganisationId = acme,
            })),
        };
        foreach (var (operation, attempt) in attempts)
        {
            (await Should.ThrowAsync<ImpersonationRefusedException>(attempt)).Operation.ShouldBe(operation);
        }

        await using var db = Factory.CreateDbContext();
        var refused = await db.AuditEvents.Where(e => e.Action == AuditActions.ImpersonationRefused && e.ImpersonatorId != null).OrderBy(e => e.Sequence).ToListAsync();
        refused.Select(e => e.Target).ShouldBe(attempts.Select(a => a.Operation));
        refused.ShouldAllBe(e => e.ImpersonatorId == started.Principal!.ImpersonatorId() && e.SubjectId == e.ActorId);
        (await db.Invitations.IgnoreQueryFilters().CountAsync()).ShouldBe(0);
        (await db.Users.AnyAsync(u => u.Email == "eve@elsewhere.test")).ShouldBeFalse();
        var roles = await db.OrganisationMembers.IgnoreQueryFilters().Where(m => m.TenantId == acme).ToDictionaryAsync(m => m.UserId, m => (m.Role, m.Status));
        roles[memberId].ShouldBe((OrganisationRole.Member, MemberStatus.Active));
        roles[adminId].ShouldBe((OrganisationRole.Admin, MemberStatus.Active));
        (await db.Organisations.SingleAsync(o => o.Id == acme)).SupportMayAccess.ShouldBeTrue();
        (await db.OrganisationDomains.IgnoreQueryFilters().CountAsync()).ShouldBe(0);
        (await db.Announcements.CountAsync()).ShouldBe(0);
        (await db.ImpersonationsOfEveryOrganisation().SingleAsync()).EndedAt.ShouldBeNull();
    }

    [Fact]
    public async Task Turning_support_access_off_ends_a_running_impersonation_of_a_member_at_once()
    {
        var started = await Factory.StartAsync(Agent, Member);
        using (var acting = Factory.ScopeFor(started.Principal!))
        {
            (await acting.ServiceProvider.GetRequiredService<Impersonations>().IsLiveAsync(started.Principal!)).ShouldBeTrue();
        }

        using (var scope = await Factory.ScopeForSessionAsync(Owner, Guid.NewGuid()))
        {
            var settings = scope.ServiceProvider.GetRequiredService<OrganisationSettings>();
            var form = (await settings.GetAsync()).Form;
            form.SupportMayAccess = false;
            (await settings.UpdateAsync(form)).ShouldBe(SettingsOutcome.Saved);
        }

        using (var acting = Factory.ScopeFor(started.Principal!))
        {
            (await acting.ServiceProvider.GetRequiredService<Impersonations>().IsLiveAsync(started.Principal!)).ShouldBeFalse();
        }

        await using var db = Factory.CreateDbContext();
        var impersonation = await db.ImpersonationsOfEveryOrganisation().SingleAsync();
        impersonation.EndReason.ShouldBe(ImpersonationEndReasons.AccessWithdrawn);
        (await db.UserSessions.SingleAsync(s => s.Id == impersonation.SubjectSessionId)).RevokedAt.ShouldNotBeNull();
        var ended = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.ImpersonationEnded);
        ended.SubjectId.ShouldBe(await Factory.UserIdAsync(Member));
        ended.Target!.ShouldStartWith(ImpersonationEndReasons.AccessWithdrawn);
    }

    [Fact]
    public async Task A_staff_account_cannot_be_moved_into_a_customer_organisation_by_invitation()
    {
        var token = await InviteAsync("owner@globex.test", Agent);

        using (var scope = await Factory.ScopeForSessionAsync(Agent, Guid.NewGuid()))
        {
            (await scope.ServiceProvider.GetRequiredService<InvitationAcceptance>().MoveAccountAsync(token)).Outcome.ShouldBe(AcceptanceOutcome.Refused);
        }

        await using var db = Factory.CreateDbContext();
        var agentId = await Factory.UserIdAsync(Agent);
        var membership = await db.OrganisationMembers.IgnoreQueryFilters().SingleAsync(m => m.UserId == agentId);
        (await db.Organisations.SingleAsync(o => o.Id == membership.TenantId)).IsOperator.ShouldBeTrue();
        (await db.Invitations.IgnoreQueryFilters().SingleAsync()).AcceptedAt.ShouldBeNull();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_agent_acting_for_a_person_cannot_accept_an_invitation_for_them(bool readOnly)
    {
        var token = await InviteAsync("owner@globex.test", Member);
        var started = await Factory.StartAsync(Agent, Member, readOnly);

        using (var scope = Factory.ScopeFor(started.Principal!))
        {
            (await Should.ThrowAsync<ImpersonationRefusedException>(() => scope.ServiceProvider.GetRequiredService<InvitationAcceptance>().MoveAccountAsync(token)))
                .Operation.ShouldBe("join_organisation");
        }

        await using var db = Factory.CreateDbContext();
        (await db.Invitations.IgnoreQueryFilters().SingleAsync()).AcceptedAt.ShouldBeNull();
        var memberId = await Factory.UserIdAsync(Member);
        var membership = await db.OrganisationMembers.IgnoreQueryFilters().SingleAsync(m => m.UserId == memberId);
        (await db.Organisations.SingleAsync(o => o.Id == membership.TenantId)).Name.ShouldBe("Acme");
        (await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.ImpersonationRefused && e.ImpersonatorId != null)).Target.ShouldBe("join_organisation");
    }

    private async Task<string> InviteAsync(string owner, string email)
    {
        using (var scope = await Factory.ScopeForSessionAsync(owner, Guid.NewGuid()))
        {
            (await scope.ServiceProvider.GetRequiredService<Invitations>().InviteAsync(new InvitationForm { Email = email, Role = OrganisationRole.Member }))
                .ShouldBe(InvitationOutcome.Sent);
        }

        var link = (await Factory.ToAsync(email)).Last().LinkTo("/invitations/accept");
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link[link.IndexOf('?', StringComparison.Ordinal)..])["token"].ToString();
    }
}
