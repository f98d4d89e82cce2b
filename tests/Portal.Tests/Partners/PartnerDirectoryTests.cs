using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Account;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Features.Partners;

namespace Portal.Tests.Partners;

/// <summary>Partners as PlatformAdmins configure them, who else may not, and the co-branded join page.</summary>
public sealed class PartnerDirectoryTests : AppTest
{
    [Fact]
    public async Task A_platform_admin_adds_a_partner_with_a_secret_shown_once_and_it_is_audited()
    {
        var (id, secret) = await Factory.AddPartnerAsync();

        secret.ShouldStartWith("whsec_");
        Convert.FromBase64String(secret["whsec_".Length..]).Length.ShouldBe(32);
        await using var db = Factory.CreateDbContext();
        var partner = await db.Partners.SingleAsync(p => p.Id == id);
        partner.Name.ShouldBe("Acme Leads");
        partner.Active.ShouldBeTrue();
        var created = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.PartnerCreated);
        created.ActorId.ShouldBe(await Factory.UserIdAsync(PartnerHarness.Admin));
        created.Target.ShouldBe("acme-leads");
    }

    [Theory]
    [InlineData("Acme-Leads", "https://acme-leads.test/privacy", "https://hooks.acme-leads.test/")]
    [InlineData("-acme", "https://acme-leads.test/privacy", "https://hooks.acme-leads.test/")]
    [InlineData("acme leads", "https://acme-leads.test/privacy", "https://hooks.acme-leads.test/")]
    [InlineData("acme", "javascript:alert(1)", "https://hooks.acme-leads.test/")]
    [InlineData("acme", "https://acme-leads.test/privacy", "http://hooks.acme-leads.test/")]
    [InlineData("acme", "https://acme-leads.test/privacy", "https://user:pass@hooks.acme-leads.test/")]
    [InlineData("acme", "https://acme-leads.test/privacy", "/relative")]
    public async Task A_partner_with_a_bad_join_address_or_address_is_refused_and_nothing_is_saved(string slug, string privacy, string webhook)
    {
        using var scope = await Factory.ScopeForSessionAsync(PartnerHarness.Admin, Guid.NewGuid());
        var form = PartnerHarness.Form(slug, webhook);
        form.PrivacyPolicyUrl = privacy;

        var (outcome, secret) = await scope.ServiceProvider.GetRequiredService<PartnerDirectory>().CreateAsync(form);

        outcome.ShouldBe(PartnerOutcome.Invalid);
        secret.ShouldBeNull();
        await using var db = Factory.CreateDbContext();
        (await db.Partners.AnyAsync()).ShouldBeFalse();
        (await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.PartnerCreated)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_second_partner_cannot_take_a_join_address_and_a_loopback_receiver_may_use_plain_http()
    {
        await Factory.AddPartnerAsync(PartnerHarness.Form(webhook: "http://127.0.0.1:5999/hooks"));
        using var scope = await Factory.ScopeForSessionAsync(PartnerHarness.Admin, Guid.NewGuid());

        var (outcome, _) = await scope.ServiceProvider.GetRequiredService<PartnerDirectory>().CreateAsync(PartnerHarness.Form());

        outcome.ShouldBe(PartnerOutcome.SlugTaken);
    }

    [Fact]
    public async Task Editing_keeps_the_join_address_a_new_secret_replaces_the_old_and_both_are_audited()
    {
        var (id, secret) = await Factory.AddPartnerAsync();
        using var scope = await Factory.ScopeForSessionAsync(PartnerHarness.Admin, Guid.NewGuid());
        var directory = scope.ServiceProvider.GetRequiredService<PartnerDirectory>();
        var form = PartnerHarness.Form(slug: "renamed");
        form.Name = "Acme Leads Ltd";
        form.Active = false;

        (await directory.UpdateAsync(id, form)).ShouldBe(PartnerOutcome.Saved);
        var rotated = await directory.RotateSecretAsync(id);
        (await directory.UpdateAsync(Guid.NewGuid(), form)).ShouldBe(PartnerOutcome.NotFound);

        rotated.ShouldNotBeNull().ShouldNotBe(secret);
        await using var db = Factory.CreateDbContext();
        var partner = await db.Partners.SingleAsync(p => p.Id == id);
        (partner.Slug, partner.Name, partner.Active, partner.WebhookSecret).ShouldBe(("acme-leads", "Acme Leads Ltd", false, rotated));
        var updated = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.PartnerUpdated);
        updated.ChangedFields!.ShouldContain("Name");
        updated.ChangedFields!.ShouldContain("Active");
        (await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.PartnerSecretRotated)).Target.ShouldBe("acme-leads");
    }

    [Theory]
    [InlineData("support@portal.test")]
    [InlineData("owner@acme.test")]
    [InlineData("member@acme.test")]
    public async Task Nobody_but_a_platform_admin_may_list_add_change_or_rotate_partners(string email)
    {
        var (id, _) = await Factory.AddPartnerAsync();
        using var scope = await Factory.ScopeForSessionAsync(email, Guid.NewGuid());
        var directory = scope.ServiceProvider.GetRequiredService<PartnerDirectory>();

        await Should.ThrowAsync<UnauthorizedAccessException>(directory.ListAsync());
        await Should.ThrowAsync<UnauthorizedAccessException>(directory.CreateAsync(PartnerHarness.Form("other")));
        await Should.ThrowAsync<UnauthorizedAccessException>(directory.UpdateAsync(id, PartnerHarness.Form()));
        await Should.ThrowAsync<UnauthorizedAccessException>(directory.RotateSecretAsync(id));

        using var client = new PortalClient(Factory);
        await client.SignInAsync(email);
        var response = await client.Http.GetAsync(new Uri("/administration/partners", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        await using var db = Factory.CreateDbContext();
        (await db.Partners.CountAsync()).ShouldBe(1);
        (await db.AuditEvents.CountAsync(e => e.Action.StartsWith("partner."))).ShouldBe(1);
    }

    [Fact]
    public async Task The_partners_page_lists_partners_for_a_platform_admin()
    {
        await Factory.AddPartnerAsync();
        using var client = new PortalClient(Factory);
        await client.SignInAsync(PartnerHarness.Admin);

        var html = await client.GetStringAsync("/administration/partners");

        html.ShouldContain("Acme Leads");
        html.ShouldContain("/join/acme-leads");
    }

    [Fact]
    public async Task The_join_page_says_who_collects_the_information_and_whose_statements_govern_it()
    {
        await Factory.AddPartnerAsync();
        using var client = new PortalClient(Factory);

        var html = await client.GetStringAsync("/join/acme-leads");

        html.ShouldContain("Create your account with Acme Leads");
        html.ShouldContain("Portal collects what you enter on this page");
        html.ShouldContain("href=\"https://acme-leads.test/privacy\"");
        html.ShouldContain("href=\"legal/privacy\"");
        html.ShouldContain("Portal gives Acme Leads your email address");
    }

    [Fact]
    public async Task An_unknown_or_closed_join_address_answers_not_found()
    {
        var (id, _) = await Factory.AddPartnerAsync();
        using var client = new PortalClient(Factory);

        (await client.Http.GetAsync(new Uri("/join/nobody", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var scope = await Factory.ScopeForSessionAsync(PartnerHarness.Admin, Guid.NewGuid()))
        {
            var form = PartnerHarness.Form();
            form.Active = false;
            (await scope.ServiceProvider.GetRequiredService<PartnerDirectory>().UpdateAsync(id, form)).ShouldBe(PartnerOutcome.Saved);
        }

        (await client.Http.GetAsync(new Uri("/join/acme-leads", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Registering_on_the_join_page_records_the_partner_and_the_ordinary_page_records_none()
    {
        var (id, _) = await Factory.AddPartnerAsync();
        using var client = new PortalClient(Factory);

        (await client.SubmitAsync("/join/acme-leads", "register", RegistrationTests.Form("joined@example.test", promotions: true))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.SubmitAsync("/Account/Register", "register", RegistrationTests.Form("plain@example.test"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using var db = Factory.CreateDbContext();
        var joined = await db.Users.SingleAsync(u => u.Email == "joined@example.test");
        joined.PartnerId.ShouldBe(id);
        joined.PromotionalEmailOptIn.ShouldBeTrue();
        (await db.Users.SingleAsync(u => u.Email == "plain@example.test")).PartnerId.ShouldBeNull();
        (await db.AuditEvents.SingleAsync(e => e.SubjectId == joined.Id && e.Action == AuditActions.Registered)).ChangedFields!.ShouldContain("PartnerId");
    }
}
