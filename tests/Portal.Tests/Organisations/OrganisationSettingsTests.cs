using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Account;
using Portal.Web.Audit;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Profiles;

namespace Portal.Tests.Organisations;

public sealed class OrganisationSettingsTests : AppTest
{
    private const string Owner = "owner@acme.test";
    private const string Admin = "admin@acme.test";
    private const string Member = "member@acme.test";

    [Fact]
    public async Task An_owner_changes_the_policies_and_the_change_is_audited_with_its_fields()
    {
        var outcome = await UpdateAsync(Owner, form =>
        {
            form.MembersMayChangeEmail = false;
            form.LockedProfileFields.Add("JobTitle");
        });

        outcome.ShouldBe(SettingsOutcome.Saved);
        var acme = await AcmeAsync();
        acme.MembersMayChangeEmail.ShouldBeFalse();
        acme.LockedProfileFields.ShouldBe("JobTitle");
        await using var db = Factory.CreateDbContext();
        var changed = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.OrganisationSettingsChanged);
        changed.OrganisationId.ShouldBe(acme.Id);
        changed.ActorId.ShouldBe(await Factory.UserIdAsync(Owner));
        changed.ChangedFields!.Split(",").ShouldBe(["LockedProfileFields", "MembersMayChangeEmail"], ignoreOrder: true);
    }

    [Theory]
    [InlineData(Admin)]
    [InlineData(Member)]
    public async Task Only_an_owner_may_change_them(string actor)
    {
        (await UpdateAsync(actor, form => form.Name = "Taken over")).ShouldBe(SettingsOutcome.Forbidden);

        (await AcmeAsync()).Name.ShouldBe("Acme");
    }

    [Fact]
    public async Task An_admin_sees_the_settings_without_being_able_to_edit()
    {
        using var scope = await Factory.ScopeForSessionAsync(Admin, Guid.NewGuid());

        var view = await scope.ServiceProvider.GetRequiredService<OrganisationSettings>().GetAsync();

        view.CanEdit.ShouldBeFalse();
        view.Form.Name.ShouldBe("Acme");
    }

    [Fact]
    public async Task Another_organisation_s_owner_only_ever_changes_their_own()
    {
        (await UpdateAsync("owner@globex.test", form => form.Name = "Renamed")).ShouldBe(SettingsOutcome.Saved);

        (await AcmeAsync()).Name.ShouldBe("Acme");
        await using var db = Factory.CreateDbContext();
        (await db.Organisations.CountAsync(o => o.Name == "Renamed")).ShouldBe(1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_blank_or_overlong_name_is_refused_and_nothing_is_saved(string name)
    {
        (await UpdateAsync(Owner, form => { form.Name = name; form.RequireTwoFactor = true; })).ShouldBe(SettingsOutcome.Invalid);
        (await UpdateAsync(Owner, form => form.Name = new string('x', 201))).ShouldBe(SettingsOutcome.Invalid);

        var acme = await AcmeAsync();
        acme.Name.ShouldBe("Acme");
        acme.RequireTwoFactor.ShouldBeFalse();
    }

    [Fact]
    public async Task An_owner_changes_the_short_name_to_a_free_one_only()
    {
        (await UpdateAsync(Owner, form => form.Slug = "globex")).ShouldBe(SettingsOutcome.SlugTaken);
        (await UpdateAsync(Owner, form => form.Slug = "Not valid!")).ShouldBe(SettingsOutcome.Invalid);
        (await UpdateAsync(Owner, form => form.Slug = "-x")).ShouldBe(SettingsOutcome.Invalid);
        await using (var db = Factory.CreateDbContext())
        {
            (await db.Organisations.CountAsync(o => o.Slug == "acme")).ShouldBe(1);
        }

        (await UpdateAsync(Owner, form => form.Slug = " Acme-Corp ")).ShouldBe(SettingsOutcome.Saved);

        await using var after = Factory.CreateDbContext();
        (await after.Organisations.SingleAsync(o => o.Name == "Acme")).Slug.ShouldBe("acme-corp");
        (await after.AuditEvents.Where(e => e.Action == Portal.Web.Audit.AuditActions.OrganisationSettingsChanged).Select(e => e.ChangedFields).SingleAsync()).ShouldBe("Slug");
    }

    [Fact]
    public async Task A_crafted_field_name_cannot_be_locked()
    {
        await UpdateAsync(Owner, form => { form.LockedProfileFields.Add("Email"); form.LockedProfileFields.Add("Company"); });

        (await AcmeAsync()).LockedProfileFields.ShouldBe("Company");
    }

    [Fact]
    public async Task Members_cannot_change_their_email_when_the_organisation_says_so_but_admins_still_can()
    {
        await UpdateAsync(Owner, form => form.MembersMayChangeEmail = false);

        (await RequestEmailChangeAsync(Member)).ShouldBe(EmailChangeRequest.NotAllowedByOrganisation);
        (await RequestEmailChangeAsync(Admin)).ShouldBe(EmailChangeRequest.Sent);
        (await Factory.ToAsync("new-member@example.test")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Locked_profile_fields_are_refused_to_members_while_the_rest_saves()
    {
        await UpdateAsync(Owner, form => form.LockedProfileFields.Add("JobTitle"));

        var refused = await Factory.EditProfileAsScopeAsync(Member, form => form.JobTitle = "Chief of everything");
        var allowed = await Factory.EditProfileAsScopeAsync(Member, form => form.Bio = "Likes tea.");
        var admin = await Factory.EditProfileAsScopeAsync(Admin, form => form.JobTitle = "Head of admin");

        refused.Succeeded.ShouldBeFalse();
        refused.Errors.Keys.ShouldBe(["JobTitle"]);
        allowed.Succeeded.ShouldBeTrue();
        admin.Succeeded.ShouldBeTrue();
    }

    private async Task<SettingsOutcome> UpdateAsync(string actor, Action<OrganisationSettingsForm> change)
    {
        using var scope = await Factory.ScopeForSessionAsync(actor, Guid.NewGuid());
        var settings = scope.ServiceProvider.GetRequiredService<OrganisationSettings>();
        var form = (await settings.GetAsync()).Form;
        change(form);
        return await settings.UpdateAsync(form);
    }

    private async Task<Organisation> AcmeAsync()
    {
        await using var db = Factory.CreateDbContext();
        return await db.Organisations.SingleAsync(o => o.Slug == "acme");
    }

    private async Task<EmailChangeRequest> RequestEmailChangeAsync(string email)
    {
        using var scope = await Factory.ScopeForSessionAsync(email, Guid.NewGuid());
        return await scope.ServiceProvider.GetRequiredService<EmailChange>().RequestAsync($"new-{email.Split('@')[0]}@example.test", "Demo-Passw0rd!");
    }
}

internal static class ProfileEditing
{
    /// <summary>Edits a profile as the person, with their real organisation claims (role included).</summary>
    public static async Task<ProfileUpdate> EditProfileAsScopeAsync(this PortalFactory factory, string email, Action<ProfileForm> change)
    {
        using var scope = await factory.ScopeForSessionAsync(email, Guid.NewGuid());
        var profiles = scope.ServiceProvider.GetRequiredService<ProfileService>();
        var form = await profiles.GetMineAsync();
        change(form);
        return await profiles.UpdateMineAsync(form);
    }
}
