using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Tests.Support;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Privacy;
using Portal.Web.Tenancy;

namespace Portal.Tests.Privacy;

/// <summary>A person closing their own account: at once, in one transaction, with a receipt and a grace period to reopen it.</summary>
public sealed class AccountClosureTests : AppTest
{
    private const string Member = "member@acme.test";
    private const string Receipt = "Your Portal account is closed";

    [Fact]
    public async Task Closing_signs_the_person_out_everywhere_emails_a_receipt_and_schedules_deletion_after_the_grace_period()
    {
        using var laptop = new PortalClient(Factory);
        await laptop.SignInAsync(Member);
        using var phone = new PortalClient(Factory);
        await phone.SignInAsync(Member);

        (await CloseAsync(Member)).ShouldBe(ClosureOutcome.Closed);

        (await laptop.IsSignedInAsync()).ShouldBeFalse();
        (await phone.IsSignedInAsync()).ShouldBeFalse();
        await laptop.SignInAsync(Member);
        (await laptop.IsSignedInAsync()).ShouldBeFalse();
        var memberId = await Factory.UserIdAsync(Member);
        await using var db = Factory.CreateDbContext();
        (await db.OrganisationMembers.IgnoreQueryFilters().SingleAsync(m => m.UserId == memberId)).Status.ShouldBe(MemberStatus.Closed);
        var closure = await db.AccountClosures.IgnoreQueryFilters().SingleAsync(c => c.UserId == memberId);
        closure.Status.ShouldBe(ClosureStatus.Closing);
        closure.ByAdministrator.ShouldBeFalse();
        closure.DeleteAfter.ShouldBe(Factory.Time.GetUtcNow().UtcDateTime + TimeSpan.FromDays(30));
        var receipt = (await Factory.ToAsync(Member)).Single(m => m.Subject == Receipt);
        receipt.TextBody.ShouldContain("What we keep, and why");
        receipt.LinkTo("/Account/Reopen").ShouldContain("code=");
        var closed = await db.AuditEvents.SingleAsync(e => e.SubjectId == memberId && e.Action == AuditActions.AccountClosed);
        closed.ActorId.ShouldBe(memberId);
    }

    [Fact]
    public async Task A_second_submit_closes_nothing_more()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        var session = (await Factory.SessionsAsync(Member))[^1].Id;
        using var first = await Factory.ScopeForSessionAsync(Member, session);
        using var second = await Factory.ScopeForSessionAsync(Member, session);

        var outcomes = await Task.WhenAll(
            first.ServiceProvider.GetRequiredService<AccountClosures>().CloseAsync(),
            second.ServiceProvider.GetRequiredService<AccountClosures>().CloseAsync());

        outcomes.Count(o => o == ClosureOutcome.Closed).ShouldBe(1);
        var memberId = await Factory.UserIdAsync(Member);
        await using var db = Factory.CreateDbContext();
        (await db.AccountClosures.IgnoreQueryFilters().CountAsync(c => c.UserId == memberId && c.Status == ClosureStatus.Closing)).ShouldBe(1);
        (await db.AuditEvents.CountAsync(e => e.SubjectId == memberId && e.Action == AuditActions.AccountClosed)).ShouldBe(1);
        (await Factory.ToAsync(Member)).Count(m => m.Subject == Receipt).ShouldBe(1);
    }

    [Fact]
    public async Task The_emailed_link_reopens_the_account_once_and_a_get_changes_nothing()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        await CloseAsync(Member);
        var link = (await Factory.ToAsync(Member)).Single(m => m.Subject == Receipt).LinkTo("/Account/Reopen");

        (await client.GetStringAsync(link)).ShouldContain("Reopen my account");
        (await StatusAsync(Member)).ShouldBe(MemberStatus.Closed);
        var response = await client.SubmitAsync(link, "reopen", new Dictionary<string, string>());
        (await response.Content.ReadAsStringAsync()).ShouldContain("Your account is open again");

        (await StatusAsync(Member)).ShouldBe(MemberStatus.Active);
        await client.SignInAsync(Member);
        (await client.IsSignedInAsync()).ShouldBeTrue();
        (await Factory.ToAsync(Member)).ShouldContain(m => m.Subject == "Your Portal account is open again");
        var code = System.Web.HttpUtility.ParseQueryString(new Uri("https://localhost" + link).Query)["code"];
        using var anonymous = Factory.Services.CreateScope();
        var closures = anonymous.ServiceProvider.GetRequiredService<AccountClosures>();
        (await closures.ReopenAsync(code)).ShouldBeFalse();
        (await closures.ReopenAsync(code + "x")).ShouldBeFalse();
        var memberId = await Factory.UserIdAsync(Member);
        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.CountAsync(e => e.SubjectId == memberId && e.Action == AuditActions.AccountReopened)).ShouldBe(1);
    }

    [Fact]
    public async Task Signing_in_with_the_right_password_during_the_grace_period_offers_to_reopen()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        await CloseAsync(Member);

        var wrong = await client.SignInAsync(Member, "not the password");
        (await wrong.Content.ReadAsStringAsync()).ShouldNotContain("login-reopen");
        var right = await client.SignInAsync(Member);
        var page = await right.Content.ReadAsStringAsync();
        page.ShouldContain("data-testid=\"login-reopen\"");
        (await client.IsSignedInAsync()).ShouldBeFalse();
        await using var db = Factory.CreateDbContext();
        (await db.Users.SingleAsync(u => u.Email == Member)).AccessFailedCount.ShouldBe(1);
    }

    [Fact]
    public async Task Registering_again_with_a_closing_address_sends_the_already_registered_email_with_the_reopen_link()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        await CloseAsync(Member);
        using var stranger = new PortalClient(Factory);

        await stranger.SubmitAsync("/Account/Register", "register", Account.RegistrationTests.Form(Member));

        var again = (await Factory.ToAsync(Member)).Last();
        again.TextBody.ShouldContain("Your account is closed and will be deleted on");
        again.LinkTo("/Account/Reopen").ShouldContain("code=");
    }

    [Fact]
    public async Task An_agent_acting_for_the_person_cannot_close_their_account_and_the_attempt_is_audited()
    {
        var started = await Factory.StartAsync("support@portal.test", Member);
        using var scope = Factory.ScopeFor(started.Principal!);

        (await Should.ThrowAsync<AccountHolderOnlyException>(scope.ServiceProvider.GetRequiredService<AccountClosures>().CloseAsync()))
            .Action.ShouldBe(AccountHolderActions.CloseAccount);

        (await StatusAsync(Member)).ShouldBe(MemberStatus.Active);
        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ImpersonationActionRefused && e.Target == AccountHolderActions.CloseAccount)).ShouldBeTrue();
    }

    [Fact]
    public async Task Staff_the_sole_owner_of_a_team_and_a_stale_sign_in_are_refused()
    {
        using (var staff = new PortalClient(Factory))
        {
            await staff.SignInAsync("support@portal.test");
            (await CloseAsync("support@portal.test")).ShouldBe(ClosureOutcome.StaffAccount);
        }

        using (var owner = new PortalClient(Factory))
        {
            await owner.SignInAsync("owner@acme.test");
            (await MineAsync("owner@acme.test")).SoleOwner.ShouldBeTrue();
            (await CloseAsync("owner@acme.test")).ShouldBe(ClosureOutcome.SoleOwner);
        }

        using var member = new PortalClient(Factory);
        await member.SignInAsync(Member);
        Factory.Time.Advance(TimeSpan.FromMinutes(6));
        (await CloseAsync(Member)).ShouldBe(ClosureOutcome.NotRecentlySignedIn);

        await using var db = Factory.CreateDbContext();
        (await db.AccountClosures.IgnoreQueryFilters().CountAsync()).ShouldBe(0);
        (await db.OrganisationMembers.IgnoreQueryFilters().CountAsync(m => m.Status == MemberStatus.Closed)).ShouldBe(0);
    }

    [Fact]
    public async Task The_last_member_of_an_organisation_closes_it_too_and_its_domains_are_released()
    {
        const string Alone = "owner@globex.test";
        var globex = await OrganisationIdAsync("Globex");
        await using (var db = Factory.CreateDbContext(globex))
        {
            db.OrganisationDomains.Add(new OrganisationDomain { Id = Guid.CreateVersion7(), Domain = "globex.test", Token = "t", AddedById = await Factory.UserIdAsync(Alone), AddedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        using var client = new PortalClient(Factory);
        await client.SignInAsync(Alone);
        (await MineAsync(Alone)).ClosesOrganisation.ShouldBeTrue();
        (await CloseAsync(Alone)).ShouldBe(ClosureOutcome.Closed);

        await using var check = Factory.CreateDbContext(globex);
        (await check.OrganisationDomains.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Closing_tells_the_partner_the_person_joined_through_and_leaves_every_mail_audience()
    {
        var memberId = await Factory.UserIdAsync(Member);
        await using (var db = Factory.CreateDbContext())
        {
            var partner = new Web.Features.Partners.Partner
            {
                Id = Guid.CreateVersion7(), Slug = "lumen", Name = "Lumen Leads", PrivacyPolicyUrl = "https://lumen.test/privacy",
                WebhookUrl = "https://lumen.test/hook", WebhookSecret = "whsec_test", CreatedAt = DateTime.UtcNow,
            };
            db.Partners.Add(partner);
            var user = await db.Users.SingleAsync(u => u.Id == memberId);
            user.PromotionalEmailOptIn = true;
            user.PartnerId = partner.Id;
            await db.SaveChangesAsync();
        }

        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        await CloseAsync(Member);

        await using var check = Factory.CreateDbContext();
        (await check.Users.SingleAsync(u => u.Id == memberId)).PromotionalEmailOptIn.ShouldBeFalse();
        (await check.OutboxMessages.SingleAsync(m => m.To == "lumen")).TextBody.ShouldContain(Member);
        (await check.AuditEvents.AnyAsync(e => e.SubjectId == memberId && e.Action == AuditActions.PartnerOptOutQueued)).ShouldBeTrue();
        var everyone = new Web.Features.Notifications.Announcement { Audience = Web.Features.Notifications.AnnouncementAudience.Everyone };
        (await check.AnnouncementAudience(everyone).ToListAsync()).ShouldNotContain(memberId);
    }

    private async Task<ClosureOutcome> CloseAsync(string email)
    {
        using var scope = await ScopeAsync(email);
        return await scope.ServiceProvider.GetRequiredService<AccountClosures>().CloseAsync();
    }

    private async Task<ClosureView> MineAsync(string email)
    {
        using var scope = await ScopeAsync(email);
        return await scope.ServiceProvider.GetRequiredService<AccountClosures>().MineAsync();
    }

    private async Task<MemberStatus> StatusAsync(string email)
    {
        var userId = await Factory.UserIdAsync(email);
        await using var db = Factory.CreateDbContext();
        return await db.OrganisationMembers.IgnoreQueryFilters().Where(m => m.UserId == userId).Select(m => m.Status).SingleAsync();
    }

    private async Task<Guid> OrganisationIdAsync(string name)
    {
        await using var db = Factory.CreateDbContext();
        return await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync();
    }

    /// <summary>Acts in the person's newest session, as their circuit would.</summary>
    private async Task<IServiceScope> ScopeAsync(string email) =>
        await Factory.ScopeForSessionAsync(email, (await Factory.SessionsAsync(email))[^1].Id);
}
