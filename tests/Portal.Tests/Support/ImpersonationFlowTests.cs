using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Features.Security;
using Portal.Web.Features.Support;
using Portal.Web.Tenancy;

namespace Portal.Tests.Support;

/// <summary>Impersonation through real requests: the cookie swap, the blocked pages and services, stopping and expiry.</summary>
public sealed class ImpersonationFlowTests : AppTest
{
    private const string Agent = "support@portal.test";
    private const string Member = "member@acme.test";

    [Fact]
    public async Task An_agent_acts_as_the_person_then_stops_and_is_back_in_the_console()
    {
        using var client = await ActingAsync();

        var home = await client.GetStringAsync("/");
        home.ShouldContain("data-testid=\"impersonation-banner\"");
        home.ShouldContain("You are acting as Mia Member (member@acme.test)");
        (await client.Http.GetAsync(new Uri("/support", UriKind.Relative))).Headers.Location!.AbsolutePath.ShouldBe("/Account/AccessDenied");

        var stopped = await client.PostFromPageAsync("/support/impersonation/stop", "/");

        stopped.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        stopped.Headers.Location!.ToString().ShouldBe($"/support/users/{await Factory.UserIdAsync(Member)}");
        (await client.Http.GetAsync(new Uri("/support", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetStringAsync("/")).ShouldNotContain("data-testid=\"impersonation-banner\"");
        (await Factory.SessionsAsync(Member)).Single(s => s.Device.StartsWith("Portal support", StringComparison.Ordinal)).RevokedAt.ShouldNotBeNull();
        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.ImpersonationStopped)).ShouldBe(1);
    }

    [Fact]
    public async Task Stopping_needs_the_page_s_antiforgery_token()
    {
        using var client = await ActingAsync();

        (await client.PostFromPageAsync("/support/impersonation/stop", "/", withToken: false)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await client.GetStringAsync("/")).ShouldContain("data-testid=\"impersonation-banner\"");
    }

    [Fact]
    public async Task It_ends_by_itself_when_its_time_is_up_and_the_agent_has_their_own_session_back()
    {
        using var client = await ActingAsync();
        Factory.Time.Advance(TimeSpan.FromMinutes(20));
        (await client.GetStringAsync("/")).ShouldContain("data-testid=\"impersonation-banner\"");

        Factory.Time.Advance(TimeSpan.FromMinutes(11));

        (await client.Http.GetAsync(new Uri("/support", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var db = Factory.CreateDbContext();
        var ended = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.ImpersonationEnded);
        ended.Target.ShouldBe("expired, 30 min");
        ended.ActorId.ShouldBe(await Factory.UserIdAsync(Agent));
        (await db.ImpersonationsOfEveryOrganisation().SingleAsync()).EndReason.ShouldBe(ImpersonationEndReasons.Expired);
    }

    [Fact]
    public async Task The_person_ending_the_session_ends_the_impersonation()
    {
        using var client = await ActingAsync();
        using (var scope = Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserSessions>().EndAllAsync(await Factory.UserIdAsync(Member), SessionEndReasons.EndedByUser);
        }

        (await client.Http.GetAsync(new Uri("/support", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var db = Factory.CreateDbContext();
        (await db.ImpersonationsOfEveryOrganisation().SingleAsync()).EndReason.ShouldBe(ImpersonationEndReasons.SessionEnded);
    }

    [Theory]
    [InlineData("/account/security/password")]
    [InlineData("/account/security/two-factor")]
    [InlineData("/account/security/passkeys")]
    [InlineData("/Account/Reauthenticate")]
    public async Task Pages_only_the_account_holder_may_use_are_refused(string path)
    {
        using var client = await ActingAsync();

        var response = await client.Http.GetAsync(new Uri(path, UriKind.Relative));

        response.Headers.Location!.AbsolutePath.ShouldBe("/Account/AccessDenied");
        (await client.GetStringAsync(response.Headers.Location!.PathAndQuery)).ShouldContain("Only the account holder can do this");
    }

    [Fact]
    public async Task Sensitive_changes_are_refused_by_the_services_and_each_attempt_is_audited()
    {
        var started = await Factory.StartAsync(Agent, "admin@acme.test");
        using var scope = Factory.ScopeFor(started.Principal!);
        var services = scope.ServiceProvider;
        var memberId = await Factory.UserIdAsync(Member);

        var attempts = new Func<Task>[]
        {
            () => services.GetRequiredService<PasswordChange>().ChangeAsync("Demo-Passw0rd!", "An0ther-Passw0rd!", endOtherSessions: false),
            () => services.GetRequiredService<Portal.Web.Account.EmailChange>().RequestAsync("new@acme.test", "Demo-Passw0rd!"),
            () => services.GetRequiredService<TwoFactorService>().BeginSetupAsync(),
            () => services.GetRequiredService<TwoFactorService>().RegenerateRecoveryCodesAsync(),
            () => services.GetRequiredService<TwoFactorService>().DisableAsync(),
            () => services.GetRequiredService<UserPasskeys>().RemoveAsync("AAAA"),
            () => services.GetRequiredService<Portal.Web.Features.Organisations.MemberDataExport>().ExportAsync(memberId),
        };
        foreach (var attempt in attempts)
        {
            await Should.ThrowAsync<AccountHolderOnlyException>(attempt);
        }

        await using var db = Factory.CreateDbContext();
        var refused = await db.AuditEvents.Where(e => e.Action == AuditActions.ImpersonationActionRefused).ToListAsync();
        refused.Select(e => e.Target).ShouldBe(
            [AccountHolderActions.ChangePassword, AccountHolderActions.ChangeEmail, AccountHolderActions.TwoFactor, AccountHolderActions.TwoFactor,
             AccountHolderActions.TwoFactor, AccountHolderActions.Passkeys, AccountHolderActions.ExportData]);
        refused.ShouldAllBe(e => e.ImpersonatorId == started.Principal!.ImpersonatorId() && e.ActorId == e.SubjectId);
        (await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.MemberDataExported || e.Action == AuditActions.PasswordChanged)).ShouldBeFalse();
    }

    [Fact]
    public async Task The_passkey_ceremony_endpoint_refuses_an_agent()
    {
        using var client = await ActingAsync();

        (await client.PostFromPageAsync("/Account/Passkeys/CreationOptions", "/")).Headers.Location!.AbsolutePath.ShouldBe("/Account/AccessDenied");
    }

    [Theory]
    [InlineData("owner@acme.test")]
    [InlineData("admin@acme.test")]
    [InlineData(Member)]
    public async Task Members_and_admins_cannot_reach_the_start_page_and_are_recorded(string actor)
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(actor);

        var response = await client.Http.GetAsync(new Uri($"/support/users/{await Factory.UserIdAsync("owner@globex.test")}/impersonate", UriKind.Relative));

        response.Headers.Location!.AbsolutePath.ShouldBe("/Account/AccessDenied");
        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.StaffAreaRefused)).ActorId.ShouldBe(await Factory.UserIdAsync(actor));
        (await db.ImpersonationsOfEveryOrganisation().CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_refusal_is_shown_on_the_start_page()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Agent);
        var adminId = await Factory.UserIdAsync("admin@portal.test");

        var response = await client.SubmitAsync($"/support/users/{adminId}/impersonate", "impersonate",
            new Dictionary<string, string> { ["Input.Reason"] = ImpersonationHarness.Reason });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Staff accounts cannot be acted as.");
        (await client.GetStringAsync("/")).ShouldNotContain("data-testid=\"impersonation-banner\"");
    }

    [Fact]
    public async Task Signing_out_while_acting_ends_the_impersonation_and_the_agent_s_own_session()
    {
        using var client = await ActingAsync();

        await client.SubmitAsync("/Account/Logout", "logout", new Dictionary<string, string>(), tokenPage: "/");

        (await client.IsSignedInAsync()).ShouldBeFalse();
        (await Factory.SessionsAsync(Agent)).ShouldAllBe(s => s.RevokedAt != null);
        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.ImpersonationStopped)).ShouldBe(1);
    }

    /// <summary>The agent signs in, opens the start page for the member and starts; the client then carries the member's cookie.</summary>
    private async Task<PortalClient> ActingAsync()
    {
        var client = new PortalClient(Factory);
        await client.SignInAsync(Agent);
        var response = await client.SubmitAsync($"/support/users/{await Factory.UserIdAsync(Member)}/impersonate", "impersonate",
            new Dictionary<string, string> { ["Input.Reason"] = ImpersonationHarness.Reason, ["Input.Ticket"] = "T-7" });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return client;
    }
}
