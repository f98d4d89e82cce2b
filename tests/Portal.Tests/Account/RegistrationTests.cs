using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Tests.Infrastructure;
using Portal.Web.Audit;
using Portal.Web.Features.Organisations;

namespace Portal.Tests.Account;

public sealed class RegistrationTests : AppTest
{
    public static Dictionary<string, string> Form(string email, bool adult = true, bool terms = true, bool promotions = false)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Zoë",
            ["Input.LastName"] = "Ångström",
            ["Input.Email"] = email,
            ["Input.Password"] = "correct horse battery",
            ["Input.ConfirmPassword"] = "correct horse battery",
        };
        if (adult)
        {
            form["Input.IsAtLeast13"] = "true";
        }

        if (terms)
        {
            form["Input.AcceptTerms"] = "true";
        }

        if (promotions)
        {
            form["Input.PromotionalEmailOptIn"] = "true";
        }

        return form;
    }

    [Fact]
    public async Task Registering_creates_the_person_their_organisation_as_owner_and_their_acceptances()
    {
        using var client = new PortalClient(Factory);

        var response = await client.SubmitAsync("/Account/Register", "register", Form("zoe@example.test"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldEndWith("Account/RegisterConfirmation");
        await using var db = Factory.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == "zoe@example.test");
        user.FirstName.ShouldBe("Zoë");
        user.EmailConfirmed.ShouldBeFalse();
        user.PromotionalEmailOptIn.ShouldBeFalse();
        var membership = await db.OrganisationMembers.IgnoreQueryFilters().SingleAsync(m => m.UserId == user.Id);
        membership.Role.ShouldBe(OrganisationRole.Owner);
        (await db.Organisations.SingleAsync(o => o.Id == membership.TenantId)).Name.ShouldBe("Zoë Ångström");
        var acceptances = await db.PolicyAcceptances.Where(a => a.UserId == user.Id).Select(a => $"{a.Kind} v{a.Version}").ToListAsync();
        acceptances.ShouldBe(["Terms v1", "Privacy v1"], ignoreOrder: true);
        (await db.AuditEvents.SingleAsync(e => e.SubjectId == user.Id && e.Action == AuditActions.Registered)).OrganisationId.ShouldBe(membership.TenantId);
    }

    [Fact]
    public async Task Registering_queues_a_welcome_email_with_a_confirmation_link()
    {
        using var client = new PortalClient(Factory);

        await client.SubmitAsync("/Account/Register", "register", Form("welcome@example.test"));

        var message = (await Factory.ToAsync("welcome@example.test")).ShouldHaveSingleItem();
        message.Subject.ShouldContain("confirm");
        message.LinkTo("/Account/ConfirmEmail").ShouldContain("code=");
        message.TextBody.ShouldContain("/Account/ConfirmEmail");
    }

    [Fact]
    public async Task The_news_and_offers_opt_in_turns_on_the_newsletter_and_promotions_only_when_ticked()
    {
        using var client = new PortalClient(Factory);

        await client.SubmitAsync("/Account/Register", "register", Form("promo@example.test", promotions: true));

        await client.SubmitAsync("/Account/Register", "register", Form("plain@example.test"));

        await using var db = Factory.CreateDbContext();
        var promo = await db.Users.SingleAsync(u => u.Email == "promo@example.test");
        promo.PromotionalEmailOptIn.ShouldBeTrue();
        var chosen = await db.NotificationPreferences.IgnoreQueryFilters().SingleAsync(p => p.UserId == promo.Id);
        chosen.Newsletter.ShouldBeTrue();
        chosen.PartnerOffers.ShouldBeFalse();
        // Nothing optional goes to the address until it is confirmed.
        (await Portal.Web.Features.Notifications.NotificationSettings.MayReceiveAsync(db, promo.Id, Portal.Web.Email.EmailCategory.Newsletter)).ShouldBeFalse();
        var plain = await db.Users.SingleAsync(u => u.Email == "plain@example.test");
        plain.PromotionalEmailOptIn.ShouldBeFalse();
        (await db.NotificationPreferences.IgnoreQueryFilters().AnyAsync(p => p.UserId == plain.Id)).ShouldBeFalse();
    }

    [Fact]
    public async Task Someone_under_13_is_refused_and_nothing_is_stored()
    {
        using var client = new PortalClient(Factory);

        var response = await client.SubmitAsync("/Account/Register", "register", Form("child@example.test", adult: false));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("You must be 13 or older");
        await AssertNothingStoredAsync("child@example.test");
    }

    [Fact]
    public async Task Registration_without_accepting_the_terms_is_refused_and_nothing_is_stored()
    {
        using var client = new PortalClient(Factory);

        var response = await client.SubmitAsync("/Account/Register", "register", Form("noterms@example.test", terms: false));

        (await response.Content.ReadAsStringAsync()).ShouldContain("accept the Terms of Service");
        await AssertNothingStoredAsync("noterms@example.test");
    }

    [Fact]
    public async Task A_short_password_is_refused_with_a_clear_message()
    {
        using var client = new PortalClient(Factory);
        var form = Form("short@example.test");
        form["Input.Password"] = form["Input.ConfirmPassword"] = "short";

        var response = await client.SubmitAsync("/Account/Register", "register", form);

        (await response.Content.ReadAsStringAsync()).ShouldContain("between 10 and 128 characters");
        await AssertNothingStoredAsync("short@example.test");
    }

    [Fact]
    public async Task Registering_an_existing_address_looks_the_same_and_tells_the_owner_instead()
    {
        using var client = new PortalClient(Factory);

        var response = await client.SubmitAsync("/Account/Register", "register", Form("member@acme.test"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldEndWith("Account/RegisterConfirmation");
        await using var db = Factory.CreateDbContext();
        (await db.Users.CountAsync(u => u.Email == "member@acme.test")).ShouldBe(1);
        (await db.Users.SingleAsync(u => u.Email == "member@acme.test")).FirstName.ShouldBe("Mia");
        (await Factory.ToAsync("member@acme.test")).ShouldHaveSingleItem().Subject.ShouldContain("already have");
    }

    private async Task AssertNothingStoredAsync(string email)
    {
        await using var db = Factory.CreateDbContext();
        (await db.Users.AnyAsync(u => u.Email == email)).ShouldBeFalse();
        (await db.OutboxMessages.AnyAsync(m => m.To == email)).ShouldBeFalse();
        (await db.Organisations.CountAsync()).ShouldBe(3);
    }
}
