using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Features.Dashboard;
using Portal.Web.Features.Organisations;

namespace Portal.Tests.Organisations;

public sealed class MemberAdministrationTests : AppTest
{
    private const string Admin = "admin@acme.test";
    private const string Member = "member@acme.test";

    [Fact]
    public async Task An_administrator_ends_a_member_s_sessions_and_the_member_sees_who_did()
    {
        using var member = new PortalClient(Factory);
        await member.SignInAsync(Member);

        (await ActAsync(Admin, (admin, id) => admin.EndSessionsAsync(id))).ShouldBe(MemberActionOutcome.Done);

        (await member.IsSignedInAsync()).ShouldBeFalse();
        var ended = await LastEventAsync(AuditActions.SessionsEndedAll);
        ended.ActorId.ShouldBe(await Factory.UserIdAsync(Admin));
        (await ActivityOfMemberAsync()).ShouldContain(a => a.Action == AuditActions.SessionsEndedAll && a.By == ActivityActor.Administrator);
    }

    [Fact]
    public async Task An_administrator_sends_a_reset_link_and_never_sees_a_password()
    {
        (await ActAsync(Admin, (admin, id) => admin.SendPasswordResetAsync(id))).ShouldBe(MemberActionOutcome.Done);

        var link = (await Factory.ToAsync(Member)).Single().LinkTo("/Account/ResetPassword");
        link.ShouldContain("code=");
        (await LastEventAsync(AuditActions.MemberPasswordResetSent)).ActorId.ShouldBe(await Factory.UserIdAsync(Admin));
    }

    [Fact]
    public async Task An_administrator_turns_off_a_member_s_two_factor_and_the_member_is_told()
    {
        await Factory.EnableTwoFactorAsync(Member);

        (await ActAsync(Admin, (admin, id) => admin.ResetTwoFactorAsync(id))).ShouldBe(MemberActionOutcome.Done);

        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(Member))!;
        user.TwoFactorEnabled.ShouldBeFalse();
        (await users.CountRecoveryCodesAsync(user)).ShouldBe(0);
        (await Factory.ToAsync(Member)).ShouldContain(m => m.Subject == "Two-factor sign-in was turned off on your Portal account");
        (await LastEventAsync(AuditActions.MemberTwoFactorReset)).ActorId.ShouldBe(await Factory.UserIdAsync(Admin));
    }

    [Fact]
    public async Task Another_organisation_s_owner_finds_no_such_member_and_changes_nothing()
    {
        using var member = new PortalClient(Factory);
        await member.SignInAsync(Member);

        (await ActAsync("owner@globex.test", (admin, id) => admin.EndSessionsAsync(id))).ShouldBe(MemberActionOutcome.NotFound);
        (await ActAsync("owner@globex.test", (admin, id) => admin.SendPasswordResetAsync(id))).ShouldBe(MemberActionOutcome.NotFound);
        (await ActAsync("owner@globex.test", (admin, id) => admin.ResetTwoFactorAsync(id))).ShouldBe(MemberActionOutcome.NotFound);

        (await member.IsSignedInAsync()).ShouldBeTrue();
        (await Factory.ToAsync(Member)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_admin_cannot_act_on_an_owner_and_a_member_cannot_act_at_all()
    {
        using var owner = new PortalClient(Factory);
        await owner.SignInAsync("owner@acme.test");

        (await ActAsync(Admin, (admin, id) => admin.EndSessionsAsync(id), on: "owner@acme.test")).ShouldBe(MemberActionOutcome.Forbidden);
        (await ActAsync(Member, (admin, id) => admin.SendPasswordResetAsync(id), on: Admin)).ShouldBe(MemberActionOutcome.Forbidden);

        (await owner.IsSignedInAsync()).ShouldBeTrue();
        (await Factory.ToAsync(Admin)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_administrator_promotes_a_member_who_is_told_and_whose_next_page_shows_it()
    {
        using var member = new PortalClient(Factory);
        await member.SignInAsync(Member);

        (await ActAsync(Admin, (admin, id) => admin.ChangeRoleAsync(id, OrganisationRole.Admin))).ShouldBe(MemberActionOutcome.Done);

        await using (var db = Factory.CreateDbContext())
        {
            var memberId = await Factory.UserIdAsync(Member);
            (await db.OrganisationMembers.IgnoreQueryFilters().SingleAsync(m => m.UserId == memberId)).Role.ShouldBe(OrganisationRole.Admin);
        }

        (await LastEventAsync(AuditActions.MemberRoleChanged)).Target.ShouldBe("Member -> Admin");
        (await Factory.ToAsync(Member)).ShouldContain(m => m.Subject == "Your role in your Portal organisation changed");
        Factory.Time.Advance(TimeSpan.FromMinutes(2));
        (await member.Http.GetAsync(new Uri("/organisation", UriKind.Relative))).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task Role_changes_outside_the_rules_change_nothing()
    {
        (await ActAsync(Admin, (admin, id) => admin.ChangeRoleAsync(id, OrganisationRole.Owner))).ShouldBe(MemberActionOutcome.Forbidden);
        (await ActAsync("owner@globex.test", (admin, id) => admin.ChangeRoleAsync(id, OrganisationRole.Admin))).ShouldBe(MemberActionOutcome.NotFound);
        (await ActAsync(Admin, (admin, id) => admin.ChangeRoleAsync(id, OrganisationRole.Member), on: "owner@acme.test")).ShouldBe(MemberActionOutcome.Forbidden);

        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.MemberRoleChanged)).ShouldBe(0);
    }

    [Fact]
    public async Task An_owner_hands_over_ownership_and_becomes_an_admin_so_there_is_always_an_owner()
    {
        (await ActAsync("owner@acme.test", (owner, id) => owner.TransferOwnershipAsync(id), on: Admin)).ShouldBe(MemberActionOutcome.Done);

        await using var db = Factory.CreateDbContext();
        var roles = await db.OrganisationMembers.IgnoreQueryFilters()
            .Where(m => m.User!.Email == "owner@acme.test" || m.User!.Email == Admin)
            .Select(m => new { m.User!.Email, m.Role })
            .ToDictionaryAsync(m => m.Email!, m => m.Role);
        roles["owner@acme.test"].ShouldBe(OrganisationRole.Admin);
        roles[Admin].ShouldBe(OrganisationRole.Owner);
        (await LastEventAsync(AuditActions.OwnershipTransferred, of: Admin)).ActorId.ShouldBe(await Factory.UserIdAsync("owner@acme.test"));
    }

    [Fact]
    public async Task Only_an_owner_hands_over_ownership_and_only_inside_the_organisation()
    {
        (await ActAsync(Admin, (admin, id) => admin.TransferOwnershipAsync(id))).ShouldBe(MemberActionOutcome.Forbidden);
        (await ActAsync("owner@globex.test", (owner, id) => owner.TransferOwnershipAsync(id))).ShouldBe(MemberActionOutcome.NotFound);
        (await ActAsync("owner@acme.test", (owner, id) => owner.TransferOwnershipAsync(id), on: "owner@acme.test")).ShouldBe(MemberActionOutcome.Forbidden);

        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.OwnershipTransferred)).ShouldBe(0);
    }

    [Fact]
    public async Task Restricting_a_member_ends_their_sessions_and_blocks_sign_in_until_lifted()
    {
        using var member = new PortalClient(Factory);
        await member.SignInAsync(Member);

        (await ActAsync(Admin, (admin, id) => admin.RestrictAsync(id))).ShouldBe(MemberActionOutcome.Done);

        (await member.IsSignedInAsync()).ShouldBeFalse();
        (await member.SignInAsync(Member)).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        (await member.IsSignedInAsync()).ShouldBeFalse();
        await using (var db = Factory.CreateDbContext())
        {
            var memberId = await Factory.UserIdAsync(Member);
            (await db.SignInAttempts.Where(a => a.UserId == memberId).OrderByDescending(a => a.OccurredAt).FirstAsync()).Outcome
                .ShouldBe(Portal.Web.Features.Security.SignInOutcome.Blocked);
        }

        (await LastEventAsync(AuditActions.MemberRestricted)).ActorId.ShouldBe(await Factory.UserIdAsync(Admin));
        (await Factory.ToAsync(Member)).ShouldContain(m => m.Subject == "Your Portal account has been restricted");

        (await ActAsync(Admin, (admin, id) => admin.LiftRestrictionAsync(id))).ShouldBe(MemberActionOutcome.Done);

        (await member.SignInAsync(Member)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        (await member.IsSignedInAsync()).ShouldBeTrue();
        (await LastEventAsync(AuditActions.MemberRestrictionLifted)).ActorId.ShouldBe(await Factory.UserIdAsync(Admin));
    }

    [Fact]
    public async Task Nobody_restricts_themselves_an_owner_above_them_or_someone_elsewhere()
    {
        (await ActAsync(Admin, (admin, id) => admin.RestrictAsync(id), on: Admin)).ShouldBe(MemberActionOutcome.Forbidden);
        (await ActAsync(Admin, (admin, id) => admin.RestrictAsync(id), on: "owner@acme.test")).ShouldBe(MemberActionOutcome.Forbidden);
        (await ActAsync("owner@globex.test", (admin, id) => admin.RestrictAsync(id))).ShouldBe(MemberActionOutcome.NotFound);

        await using var db = Factory.CreateDbContext();
        (await db.OrganisationMembers.IgnoreQueryFilters().CountAsync(m => m.Status == MemberStatus.Restricted)).ShouldBe(0);
    }

    private async Task<MemberActionOutcome> ActAsync(string actor, Func<MemberAdministration, string, Task<MemberActionOutcome>> action, string on = Member)
    {
        var memberId = await Factory.UserIdAsync(on);
        using var scope = await Factory.ScopeForSessionAsync(actor, Guid.NewGuid());
        return await action(scope.ServiceProvider.GetRequiredService<MemberAdministration>(), memberId);
    }

    private async Task<AuditEvent> LastEventAsync(string action, string of = Member)
    {
        var memberId = await Factory.UserIdAsync(of);
        await using var db = Factory.CreateDbContext();
        return await db.AuditEvents.Where(e => e.SubjectId == memberId && e.Action == action).OrderByDescending(e => e.Sequence).FirstAsync();
    }

    private async Task<IReadOnlyList<ActivityItem>> ActivityOfMemberAsync()
    {
        using var scope = await Factory.ScopeForSessionAsync(Member, Guid.NewGuid());
        return await scope.ServiceProvider.GetRequiredService<DashboardService>().GetActivityAsync(null);
    }
}
