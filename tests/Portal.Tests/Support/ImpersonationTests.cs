using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Email;
using Portal.Web.Authorization;
using Portal.Web.Features.Dashboard;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Support;
using Portal.Web.Tenancy;

namespace Portal.Tests.Support;

/// <summary>Starting, refusing and announcing impersonations, and what the principal and audit log carry (Keycloak's and GitLab's cases).</summary>
public sealed class ImpersonationTests : AppTest
{
    private const string Member = "member@acme.test";

    [Theory]
    [InlineData("support@portal.test")]
    [InlineData("admin@portal.test")]
    public async Task Each_staff_role_may_act_as_an_active_member_for_a_limited_time(string agent)
    {
        var started = await Factory.StartAsync(agent, Member);

        started.Outcome.ShouldBe(ImpersonationOutcome.Started);
        var principal = started.Principal!;
        var agentId = await Factory.UserIdAsync(agent);
        var memberId = await Factory.UserIdAsync(Member);
        principal.FindFirstValue(ClaimTypes.NameIdentifier).ShouldBe(memberId);
        principal.FindFirstValue(PortalClaims.TenantName).ShouldBe("Acme");
        principal.IsInRole(PlatformRoles.Support).ShouldBeFalse();
        JsonDocument.Parse(principal.FindFirstValue(ImpersonationClaims.Actor)!).RootElement.GetProperty("sub").GetString().ShouldBe(agentId);
        principal.ImpersonatorId().ShouldBe(agentId);

        var now = Factory.Time.GetUtcNow();
        principal.ImpersonationEndsAt()!.Value.ShouldBe(now.AddMinutes(30), TimeSpan.FromSeconds(1));
        var row = await Factory.ImpersonationAsync(principal);
        row.Reason.ShouldBe(ImpersonationHarness.Reason);
        row.Ticket.ShouldBe("T-1042");
        row.ExpiresAt.ShouldBe(now.UtcDateTime.AddMinutes(30), TimeSpan.FromSeconds(1));
        var session = (await Factory.SessionsAsync(Member)).Single(s => s.Id == row.SubjectSessionId);
        session.ExpiresAt.ShouldBe(row.ExpiresAt);
        session.Device.ShouldStartWith("Portal support");

        await using var db = Factory.CreateDbContext();
        var startedEvent = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.ImpersonationStarted);
        startedEvent.ActorId.ShouldBe(agentId);
        startedEvent.SubjectId.ShouldBe(memberId);
        startedEvent.Target.ShouldBe($"{ImpersonationHarness.Reason} [T-1042]");
    }

    [Fact]
    public async Task The_person_is_emailed_who_when_why_and_for_how_long_and_admins_only_when_their_organisation_asks()
    {
        await Factory.StartAsync("support@portal.test", Member);
        var notice = (await Factory.ToAsync(Member)).Single(m => m.Subject == "Portal support accessed your account");
        notice.TextBody.ShouldContain("Sam Support");
        notice.TextBody.ShouldContain(ImpersonationHarness.Reason);
        notice.TextBody.ShouldContain("30 minutes");
        notice.Category.ShouldBe(EmailCategory.AccountSecurity);
        (await Factory.ToAsync("owner@acme.test")).ShouldBeEmpty();

        await using (var db = Factory.CreateDbContext())
        {
            await db.Organisations.Where(o => o.Name == "Acme").ExecuteUpdateAsync(u => u.SetProperty(o => o.TellAdminsOfSupportAccess, true));
        }

        await Factory.StartAsync("admin@portal.test", "admin@acme.test");
        (await Factory.ToAsync("owner@acme.test")).ShouldHaveSingleItem().Subject.ShouldBe("Portal support accessed Adam Admin's account");
        (await Factory.ToAsync(Member)).Count.ShouldBe(2);
        (await Factory.ToAsync("owner@globex.test")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("self")]
    [InlineData("staff_account")]
    [InlineData("restricted")]
    [InlineData("closed")]
    [InlineData("invited")]
    [InlineData("not_allowed_by_organisation")]
    [InlineData("organisation_suspended")]
    [InlineData("not_staff")]
    public async Task Each_refusal_is_explained_and_audited_and_starts_nothing(string refusal)
    {
        var (agent, subject) = refusal switch
        {
            "self" => ("support@portal.test", "support@portal.test"),
            "staff_account" => ("support@portal.test", "admin@portal.test"),
            "not_staff" => ("owner@acme.test", Member),
            _ => ("support@portal.test", Member),
        };
        await using (var db = Factory.CreateDbContext())
        {
            var members = db.MembersOfEveryOrganisation().Where(m => m.User!.Email == Member);
            var acme = db.Organisations.Where(o => o.Name == "Acme");
            _ = refusal switch
            {
                "restricted" => await db.OrganisationMembers.IgnoreQueryFilters().Where(m => m.User!.Email == Member).ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MemberStatus.Restricted)),
                "closed" => await db.OrganisationMembers.IgnoreQueryFilters().Where(m => m.User!.Email == Member).ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MemberStatus.Closed)),
                "invited" => await db.OrganisationMembers.IgnoreQueryFilters().Where(m => m.User!.Email == Member).ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MemberStatus.Invited)),
                "not_allowed_by_organisation" => await acme.ExecuteUpdateAsync(u => u.SetProperty(o => o.SupportMayAccess, false)),
                "organisation_suspended" => await acme.ExecuteUpdateAsync(u => u.SetProperty(o => o.SuspendedAt, DateTime.UtcNow)),
                _ => 0,
            };
            (await members.CountAsync()).ShouldBe(1);
        }

        var started = await Factory.StartAsync(agent, subject);

        var expected = refusal is "restricted" or "closed" or "invited" ? ImpersonationRefusals.NotActive : refusal;
        started.Outcome.ShouldBe(ImpersonationOutcome.Refused);
        started.Refusal.ShouldBe(expected);
        started.Principal.ShouldBeNull();
        await using var check = Factory.CreateDbContext();
        (await check.ImpersonationsOfEveryOrganisation().CountAsync()).ShouldBe(0);
        var refused = await check.AuditEvents.SingleAsync(e => e.Action == AuditActions.ImpersonationRefused);
        refused.ActorId.ShouldBe(await Factory.UserIdAsync(agent));
        refused.SubjectId.ShouldBe(await Factory.UserIdAsync(subject));
        refused.Target.ShouldBe(expected);
        (await Factory.ToAsync(subject)).ShouldNotContain(m => m.Subject.Contains("Portal support", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_impersonation_while_one_runs_is_refused_and_allowed_again_after_it_ends()
    {
        var first = await Factory.StartAsync("support@portal.test", Member);
        var second = await Factory.StartAsync("support@portal.test", "owner@acme.test");
        var otherAgent = await Factory.StartAsync("admin@portal.test", "owner@acme.test");

        second.Refusal.ShouldBe(ImpersonationRefusals.AlreadyActing);
        otherAgent.Outcome.ShouldBe(ImpersonationOutcome.Started);

        using (var scope = Factory.ScopeFor(first.Principal!))
        {
            (await scope.ServiceProvider.GetRequiredService<Impersonations>().StopAsync(first.Principal!)).ShouldNotBeNull();
        }

        (await Factory.StartAsync("support@portal.test", "owner@acme.test")).Outcome.ShouldBe(ImpersonationOutcome.Started);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("too short", null)]
    [InlineData("Helping with the profile page", "a ticket reference far longer than any ticket system would ever hand out to anyone, surely more than 100 chars")]
    public async Task A_reason_is_required_and_a_ticket_reference_is_short(string reason, string? ticket)
    {
        using var scope = await Factory.ScopeForSessionAsync("support@portal.test", await Factory.OpenSessionAsync("support@portal.test"));
        var result = await scope.ServiceProvider.GetRequiredService<Impersonations>()
            .StartAsync(await Factory.UserIdAsync(Member), new ImpersonationForm { Reason = reason, Ticket = ticket });

        result.Outcome.ShouldBe(ImpersonationOutcome.Invalid);
        await using var db = Factory.CreateDbContext();
        (await db.ImpersonationsOfEveryOrganisation().CountAsync()).ShouldBe(0);
        (await db.AuditEvents.CountAsync(e => e.Action.StartsWith("impersonation."))).ShouldBe(0);
    }

    [Fact]
    public async Task Every_event_while_acting_names_the_person_and_the_agent()
    {
        var started = await Factory.StartAsync("support@portal.test", Member);
        using (var scope = Factory.ScopeFor(started.Principal!))
        {
            var profiles = scope.ServiceProvider.GetRequiredService<Portal.Web.Features.Profiles.ProfileService>();
            var form = await profiles.GetMineAsync();
            form.JobTitle = "Account manager";
            (await profiles.UpdateMineAsync(form)).Succeeded.ShouldBeTrue();
        }

        await using var db = Factory.CreateDbContext();
        var edited = await db.AuditEvents.OrderByDescending(e => e.Sequence).FirstAsync(e => e.Action == AuditActions.ProfileUpdated);
        edited.ActorId.ShouldBe(await Factory.UserIdAsync(Member));
        edited.SubjectId.ShouldBe(await Factory.UserIdAsync(Member));
        edited.ImpersonatorId.ShouldBe(await Factory.UserIdAsync("support@portal.test"));

        using var member = await Factory.ScopeForSessionAsync(Member, Guid.NewGuid());
        var activity = await member.ServiceProvider.GetRequiredService<DashboardService>().GetActivityAsync(null);
        activity.ShouldContain(a => a.Action == AuditActions.ProfileUpdated && a.By == ActivityActor.SupportActingForYou);
        activity.ShouldContain(a => a.Action == AuditActions.ImpersonationStarted && a.By == ActivityActor.Staff);
    }

    [Fact]
    public async Task Read_only_mode_saves_nothing_but_the_audit_trail()
    {
        var started = await Factory.StartAsync("support@portal.test", Member, readOnly: true);
        started.Principal!.IsReadOnlyImpersonation().ShouldBeTrue();
        using (var scope = Factory.ScopeFor(started.Principal!))
        {
            var profiles = scope.ServiceProvider.GetRequiredService<Portal.Web.Features.Profiles.ProfileService>();
            var form = await profiles.GetMineAsync();
            form.JobTitle = "Changed while read-only";
            await Should.ThrowAsync<ReadOnlyImpersonationException>(() => profiles.UpdateMineAsync(form));
        }

        await using var db = Factory.CreateDbContext();
        (await db.Profiles.IgnoreQueryFilters().AnyAsync(p => p.JobTitle == "Changed while read-only")).ShouldBeFalse();
    }

    [Fact]
    public async Task The_person_sees_each_access_in_their_security_history_and_no_other_organisation_does()
    {
        var started = await Factory.StartAsync("support@portal.test", Member);
        Factory.Time.Advance(TimeSpan.FromMinutes(12));
        using (var scope = Factory.ScopeFor(started.Principal!))
        {
            await scope.ServiceProvider.GetRequiredService<Impersonations>().StopAsync(started.Principal!);
        }

        using var member = await Factory.ScopeForSessionAsync(Member, Guid.NewGuid());
        var access = (await member.ServiceProvider.GetRequiredService<Impersonations>().MineAsync()).ShouldHaveSingleItem();
        access.Agent.ShouldBe("Sam Support");
        access.Reason.ShouldBe(ImpersonationHarness.Reason);
        access.Ticket.ShouldBe("T-1042");
        access.Ongoing.ShouldBeFalse();
        (access.EndedAt - access.StartedAt).ShouldBe(TimeSpan.FromMinutes(12), TimeSpan.FromSeconds(1));

        using var globex = await Factory.ScopeForSessionAsync("owner@globex.test", Guid.NewGuid());
        (await globex.ServiceProvider.GetRequiredService<Impersonations>().MineAsync()).ShouldBeEmpty();
        var globexDb = globex.ServiceProvider.GetRequiredService<Portal.Web.Data.PortalDbContext>();
        (await globexDb.ImpersonationSessions.CountAsync()).ShouldBe(0);
        var acmeDb = member.ServiceProvider.GetRequiredService<Portal.Web.Data.PortalDbContext>();
        (await acmeDb.ImpersonationSessions.CountAsync()).ShouldBe(1);

        await using var db = Factory.CreateDbContext();
        var stopped = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.ImpersonationStopped);
        stopped.ActorId.ShouldBe(await Factory.UserIdAsync("support@portal.test"));
        stopped.Target.ShouldBe("stopped, 12 min");
    }

    [Fact]
    public async Task An_impersonation_left_to_run_out_is_recorded_as_ended_once_at_its_end()
    {
        var started = await Factory.StartAsync("support@portal.test", Member);
        using var scope = Factory.Services.CreateScope();
        var impersonations = scope.ServiceProvider.GetRequiredService<Impersonations>();
        (await impersonations.EndExpiredAsync()).ShouldBe(0);
        (await impersonations.IsLiveAsync(started.Principal!)).ShouldBeTrue();

        Factory.Time.Advance(TimeSpan.FromMinutes(30));
        await impersonations.EndExpiredAsync();
        await impersonations.EndExpiredAsync();

        (await impersonations.IsLiveAsync(started.Principal!)).ShouldBeFalse();
        var row = await Factory.ImpersonationAsync(started.Principal!);
        row.EndReason.ShouldBe(ImpersonationEndReasons.Expired);
        row.EndedAt.ShouldBe(row.ExpiresAt);
        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.ImpersonationEnded)).Target.ShouldBe("expired, 30 min");
    }

    [Fact]
    public async Task An_open_page_of_an_impersonation_that_ends_is_signed_out_and_remembers_whom_it_was_for()
    {
        var started = await Factory.StartAsync("support@portal.test", Member);
        using var circuit = Factory.Services.CreateScope();
        var provider = (Portal.Web.Features.Security.SessionAuthenticationStateProvider)circuit.ServiceProvider
            .GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>();
        var signedOut = new TaskCompletionSource<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.SetAuthenticationState(Task.FromResult(new Microsoft.AspNetCore.Components.Authorization.AuthenticationState(started.Principal!)));
        provider.AuthenticationStateChanged += async state => signedOut.TrySetResult(await state);
        (await provider.CheckAsync(started.Principal!, CancellationToken.None)).ShouldBeTrue();

        using (var scope = Factory.ScopeFor(started.Principal!))
        {
            await scope.ServiceProvider.GetRequiredService<Impersonations>().StopAsync(started.Principal!);
        }

        Factory.Time.Advance(TimeSpan.FromSeconds(60));

        var state = await signedOut.Task.WaitAsync(TimeSpan.FromSeconds(30));
        state.User.Identity!.IsAuthenticated.ShouldBeFalse();
        provider.EndedImpersonationOf.ShouldBe(await Factory.UserIdAsync(Member));
    }
}
