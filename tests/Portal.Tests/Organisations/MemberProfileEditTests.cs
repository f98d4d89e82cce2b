using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Features.Dashboard;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Profiles;

namespace Portal.Tests.Organisations;

public sealed class MemberProfileEditTests : AppTest
{
    private const string Admin = "admin@acme.test";
    private const string Member = "member@acme.test";

    [Fact]
    public async Task An_admin_corrects_a_member_s_details_and_the_member_is_told_what_changed()
    {
        var (outcome, update) = await EditAsync(Admin, Member, form =>
        {
            form.LastName = "Martin";
            form.JobTitle = "Head of Support";
        });

        outcome.ShouldBe(MemberActionOutcome.Done);
        update!.ChangedFields.ShouldBe(["LastName", "JobTitle"], ignoreOrder: true);
        var profile = await ProfileOfAsync(Member);
        profile.LastName.ShouldBe("Martin");
        profile.JobTitle.ShouldBe("Head of Support");
        await using var db = Factory.CreateDbContext();
        var edited = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.MemberProfileEdited);
        edited.ActorId.ShouldBe(await Factory.UserIdAsync(Admin));
        edited.ChangedFields.ShouldBe("LastName,JobTitle");
        var notice = (await Factory.ToAsync(Member)).Single(m => m.Subject == "Your administrator updated your Portal profile");
        notice.HtmlBody.ShouldContain("Last name, Job title");
        using var scope = await Factory.ScopeForSessionAsync(Member, Guid.NewGuid());
        (await scope.ServiceProvider.GetRequiredService<DashboardService>().GetActivityAsync(null))
            .ShouldContain(a => a.Action == AuditActions.MemberProfileEdited && a.By == ActivityActor.Administrator);
    }

    [Fact]
    public async Task The_member_s_own_choices_about_their_page_cannot_be_changed_by_an_admin_even_by_a_crafted_form()
    {
        var (_, update) = await EditAsync(Admin, Member, form =>
        {
            form.Visibility = ProfileVisibility.Public;
            form.AllowSearchIndexing = true;
            form.Username = "taken-over";
            form.Bio = "Written by someone else";
        });

        update!.ChangedFields.ShouldBeEmpty();
        var profile = await ProfileOfAsync(Member);
        profile.Visibility.ShouldBe(ProfileVisibility.Private);
        profile.AllowSearchIndexing.ShouldBeFalse();
        profile.Username.ShouldBeNull();
        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.MemberProfileEdited)).ShouldBe(0);
    }

    [Fact]
    public async Task Bad_details_are_refused_with_a_reason_and_nothing_is_written()
    {
        var (_, update) = await EditAsync(Admin, Member, form => form.FirstName = " ");

        update!.Succeeded.ShouldBeFalse();
        update.Errors.Keys.ShouldContain("FirstName");
        (await ProfileOfAsync(Member)).FirstName.ShouldBe("Mia");
        (await Factory.ToAsync(Member)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Nobody_edits_someone_above_them_or_in_another_organisation()
    {
        (await EditAsync(Admin, "owner@acme.test", form => form.JobTitle = "Intern")).Outcome.ShouldBe(MemberActionOutcome.Forbidden);
        (await EditAsync("owner@globex.test", Member, form => form.JobTitle = "Intern")).Outcome.ShouldBe(MemberActionOutcome.NotFound);
        (await EditAsync(Member, Admin, form => form.JobTitle = "Intern")).Outcome.ShouldBe(MemberActionOutcome.Forbidden);
        (await EditAsync("support@portal.test", Member, form => form.JobTitle = "Intern")).Outcome.ShouldBe(MemberActionOutcome.NotFound);

        (await ProfileOfAsync(Member)).JobTitle.ShouldNotBe("Intern");
        (await ProfileOfAsync("owner@acme.test")).JobTitle.ShouldNotBe("Intern");
    }

    private async Task<(MemberActionOutcome Outcome, ProfileUpdate? Update)> EditAsync(string actor, string member, Action<ProfileForm> change)
    {
        var form = await ProfileOfAsync(member);
        change(form);
        var memberId = await Factory.UserIdAsync(member);
        using var scope = await Factory.ScopeForSessionAsync(actor, Guid.NewGuid());
        return await scope.ServiceProvider.GetRequiredService<MemberAdministration>().EditProfileAsync(memberId, form);
    }

    private async Task<ProfileForm> ProfileOfAsync(string email)
    {
        var userId = await Factory.UserIdAsync(email);
        await using var db = Factory.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        return ProfileForm.From(user, await db.Profiles.SingleOrDefaultAsync(p => p.UserId == userId));
    }
}
