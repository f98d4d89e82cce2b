using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Features.Organisations;

namespace Portal.Tests.Organisations;

public sealed class OnBehalfAccountTests : AppTest
{
    private const string Admin = "admin@acme.test";
    private const string Person = "pat@example.test";

    [Fact]
    public async Task An_admin_creates_an_account_without_a_password_and_the_person_chooses_it_from_the_email()
    {
        (await CreateAsync(Admin, Form())).ShouldBe(OnBehalfOutcome.Sent);

        var userId = await Factory.UserIdAsync(Person);
        await using (var db = Factory.CreateDbContext())
        {
            var member = await db.OrganisationMembers.IgnoreQueryFilters().Include(m => m.User).SingleAsync(m => m.UserId == userId);
            member.Status.ShouldBe(MemberStatus.Invited);
            member.User!.PasswordHash.ShouldBeNull();
            member.User.EmailConfirmed.ShouldBeFalse();
            var created = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.MemberCreatedOnBehalf);
            created.ActorId.ShouldBe(await Factory.UserIdAsync(Admin));
            created.SubjectId.ShouldBe(userId);
            created.Target!.ShouldContain("attested their authority");
        }

        var link = (await Factory.ToAsync(Person)).Single().LinkTo("/Account/Welcome");
        using var client = new PortalClient(Factory);
        await client.SubmitAsync(link, "accept-account", Acceptance());

        (await client.SignInAsync(Person, "my own long passphrase")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.IsSignedInAsync()).ShouldBeTrue();
        await using var after = Factory.CreateDbContext();
        (await after.OrganisationMembers.IgnoreQueryFilters().SingleAsync(m => m.UserId == userId)).Status.ShouldBe(MemberStatus.Active);
        (await after.AuditEvents.SingleAsync(e => e.Action == AuditActions.MemberActivated)).SubjectId.ShouldBe(userId);
    }

    [Fact]
    public async Task Without_the_attestation_or_with_a_bad_address_nothing_is_created()
    {
        var unattested = Form();
        unattested.AttestsAuthority = false;
        var badAddress = Form();
        badAddress.Email = "pat at example";

        (await CreateAsync(Admin, unattested)).ShouldBe(OnBehalfOutcome.Invalid);
        (await CreateAsync(Admin, badAddress)).ShouldBe(OnBehalfOutcome.Invalid);

        await using var db = Factory.CreateDbContext();
        (await db.Users.AnyAsync(u => u.NormalizedEmail == "PAT@EXAMPLE.TEST")).ShouldBeFalse();
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.MemberCreatedOnBehalf)).ShouldBe(0);
        (await db.OutboxMessages.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_existing_account_is_never_taken_over_and_roles_stay_within_the_actor_s_own()
    {
        var owner = Form();
        owner.Role = OrganisationRole.Owner;

        (await CreateAsync(Admin, owner)).ShouldBe(OnBehalfOutcome.Forbidden);
        (await CreateAsync("member@acme.test", Form())).ShouldBe(OnBehalfOutcome.Forbidden);
        (await CreateAsync("support@portal.test", Form())).ShouldBe(OnBehalfOutcome.Forbidden);

        await using var db = Factory.CreateDbContext();
        (await db.Users.AnyAsync(u => u.NormalizedEmail == "PAT@EXAMPLE.TEST")).ShouldBeFalse();
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.MemberCreatedOnBehalf)).ShouldBe(0);
    }

    [Fact]
    public async Task The_answer_for_an_address_with_an_account_is_the_same_and_that_person_gets_an_invitation_not_an_account()
    {
        var globexOwnerId = await Factory.UserIdAsync("owner@globex.test");

        (await CreateAsync(Admin, Form("owner@globex.test"))).ShouldBe(OnBehalfOutcome.Sent);
        (await CreateAsync(Admin, Form())).ShouldBe(OnBehalfOutcome.Sent);

        await using var db = Factory.CreateDbContext();
        (await db.Invitations.IgnoreQueryFilters().SingleAsync()).Email.ShouldBe("owner@globex.test");
        (await db.OrganisationMembers.IgnoreQueryFilters().SingleAsync(m => m.UserId == globexOwnerId)).Role.ShouldBe(OrganisationRole.Owner);
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.MemberCreatedOnBehalf)).ShouldBe(1);
        (await Factory.ToAsync("owner@globex.test")).Single().LinkTo("/invitations/accept").ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task An_address_on_another_organisation_s_verified_domain_gets_an_invitation_never_an_account()
    {
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Portal.Web.Data.PortalDbContext>();
            var globex = await db.Organisations.SingleAsync(o => o.Name == "Globex");
            _ = scope.ServiceProvider.GetRequiredService<Portal.Web.Tenancy.TenantContext>().Enter(globex.Id);
            db.OrganisationDomains.Add(new OrganisationDomain
            {
                Id = Guid.NewGuid(), Domain = "globex-corp.test", Token = "t", AddedById = await Factory.UserIdAsync("owner@globex.test"),
                AddedAt = Factory.Time.GetUtcNow().UtcDateTime, VerifiedAt = Factory.Time.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }

        (await CreateAsync(Admin, Form("new.hire@globex-corp.test"))).ShouldBe(OnBehalfOutcome.Sent);

        await using var after = Factory.CreateDbContext();
        (await after.Users.AnyAsync(u => u.NormalizedEmail == "NEW.HIRE@GLOBEX-CORP.TEST")).ShouldBeFalse();
        (await after.Invitations.IgnoreQueryFilters().SingleAsync()).Email.ShouldBe("new.hire@globex-corp.test");
    }

    [Fact]
    public async Task A_password_reset_or_a_new_confirmation_never_makes_the_person_a_member_without_accepting()
    {
        (await CreateAsync(Admin, Form())).ShouldBe(OnBehalfOutcome.Sent);
        var userId = await Factory.UserIdAsync(Person);
        using var client = new PortalClient(Factory);

        await client.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = Person });
        await client.SubmitAsync("/Account/ResendEmailConfirmation", "resend-email-confirmation", new Dictionary<string, string> { ["Input.Email"] = Person });

        var emails = await Factory.ToAsync(Person);
        emails.Count.ShouldBe(2); // the welcome, and the welcome again instead of a confirmation; an unconfirmed address gets no reset
        emails.ShouldAllBe(m => m.Subject == "An account was created for you in Acme on Portal");
        var welcome = emails[^1].LinkTo("/Account/Welcome");
        var asReset = welcome.Replace("/Account/Welcome", "/Account/ResetPassword", StringComparison.Ordinal);
        await client.SubmitAsync(asReset, "reset-password", Acceptance());
        (await client.SignInAsync(Person, "my own long passphrase")).StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
        await using (var db = Factory.CreateDbContext())
        {
            (await db.OrganisationMembers.IgnoreQueryFilters().SingleAsync(m => m.UserId == userId)).Status.ShouldBe(MemberStatus.Invited);
        }

        var unticked = Acceptance();
        unticked.Remove("Input.Accept");
        await client.SubmitAsync(welcome, "accept-account", unticked);
        await using (var db = Factory.CreateDbContext())
        {
            (await db.OrganisationMembers.IgnoreQueryFilters().SingleAsync(m => m.UserId == userId)).Status.ShouldBe(MemberStatus.Invited);
        }

        await client.SubmitAsync(welcome, "accept-account", Acceptance());
        await using var accepted = Factory.CreateDbContext();
        (await accepted.OrganisationMembers.IgnoreQueryFilters().SingleAsync(m => m.UserId == userId)).Status.ShouldBe(MemberStatus.Active);
    }

    [Fact]
    public async Task An_account_made_by_another_organisation_s_owner_lands_only_in_their_own()
    {
        (await CreateAsync("owner@globex.test", Form())).ShouldBe(OnBehalfOutcome.Sent);

        var userId = await Factory.UserIdAsync(Person);
        await using var db = Factory.CreateDbContext();
        var organisation = await db.OrganisationMembers.IgnoreQueryFilters().Where(m => m.UserId == userId)
            .Join(db.Organisations, m => m.TenantId, o => o.Id, (m, o) => o.Name).SingleAsync();
        organisation.ShouldBe("Globex");
    }

    private static Dictionary<string, string> Acceptance() => new()
    {
        ["Input.Email"] = Person,
        ["Input.Password"] = "my own long passphrase",
        ["Input.ConfirmPassword"] = "my own long passphrase",
        ["Input.Accept"] = "true",
    };

    private static OnBehalfForm Form(string email = Person) =>
        new() { FirstName = "Pat", LastName = "Person", Email = email, Role = OrganisationRole.Member, AttestsAuthority = true };

    private async Task<OnBehalfOutcome> CreateAsync(string actor, OnBehalfForm form)
    {
        using var scope = await Factory.ScopeForSessionAsync(actor, Guid.NewGuid());
        return await scope.ServiceProvider.GetRequiredService<OnBehalfAccounts>().CreateAsync(form);
    }
}
