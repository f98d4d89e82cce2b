using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Features.Dashboard;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Organisations;

namespace Portal.Tests.Notifications;

/// <summary>The preference centre × every category, and the one decision the send path asks.</summary>
public sealed class NotificationSettingsTests : AppTest
{
    private const string Member = "member@acme.test";

    public static TheoryData<EmailCategory> Optional => [.. NotificationCatalogue.Optional];

    public static TheoryData<EmailCategory> Locked => [.. NotificationCatalogue.Locked];

    [Fact]
    public void Every_category_is_either_locked_or_the_person_s_to_choose()
    {
        NotificationCatalogue.Locked.Concat(NotificationCatalogue.Optional).Order().ShouldBe(Enum.GetValues<EmailCategory>().Order());
        NotificationCatalogue.Locked.ShouldAllBe(c => c.IsTransactional());
        NotificationCatalogue.Optional.ShouldAllBe(c => !c.IsTransactional());
    }

    [Fact]
    public async Task Promotional_categories_start_off_and_account_updates_start_on()
    {
        var form = await Settings(Member, s => s.GetMineAsync());

        form.Newsletter.ShouldBeFalse();
        form.ProductTips.ShouldBeFalse();
        form.Promotions.ShouldBeFalse();
        form.PartnerOffers.ShouldBeFalse();
        form.ActivityUpdates.ShouldBeTrue();
        form.Digest.ShouldBe(DigestFrequency.Weekly);
        form.AllowReadTracking.ShouldBeFalse();
        form.LimitDataUse.ShouldBeFalse();
        (await MayReceiveAsync(Member, EmailCategory.Newsletter)).ShouldBeFalse();
        (await MayReceiveAsync(Member, EmailCategory.ActivityUpdates)).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Optional))]
    public async Task Each_optional_category_is_turned_on_and_off_and_audited(EmailCategory category)
    {
        await Settings(Member, s => s.SetMineAsync(category, false));
        (await MayReceiveAsync(Member, category)).ShouldBeFalse();

        (await Settings(Member, s => s.SetMineAsync(category, true))).ShouldBe(NotificationChange.Saved);
        (await MayReceiveAsync(Member, category)).ShouldBeTrue();
        (await Settings(Member, s => s.SetMineAsync(category, true))).ShouldBe(NotificationChange.Unchanged);
        (await Settings(Member, s => s.SetMineAsync(category, false))).ShouldBe(NotificationChange.Saved);
        (await MayReceiveAsync(Member, category)).ShouldBeFalse();

        await using var db = Factory.CreateDbContext();
        var last = await db.AuditEvents.OrderByDescending(e => e.Sequence).FirstAsync(e => e.Action == AuditActions.NotificationsChanged);
        last.SubjectId.ShouldBe(await Factory.UserIdAsync(Member));
        last.ChangedFields.ShouldBe(category switch
        {
            EmailCategory.Promotional => "Promotions",
            _ => category.ToString(),
        });
    }

    [Theory]
    [MemberData(nameof(Locked))]
    public async Task A_locked_category_cannot_be_turned_off_by_any_request(EmailCategory category)
    {
        (await Settings(Member, s => s.SetMineAsync(category, false))).ShouldBe(NotificationChange.Refused);

        (await MayReceiveAsync(Member, category)).ShouldBeTrue();
        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.NotificationsChanged)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_digest_frequency_that_does_not_exist_is_refused()
    {
        var form = await Settings(Member, s => s.GetMineAsync());
        form.Digest = (DigestFrequency)42;

        (await Settings(Member, s => s.SaveMineAsync(form))).ShouldBe(NotificationChange.Refused);

        (await Settings(Member, s => s.GetMineAsync())).Digest.ShouldBe(DigestFrequency.Weekly);
    }

    [Fact]
    public async Task Limiting_the_use_of_one_s_data_turns_every_optional_category_off_and_keeps_it_off_until_lifted()
    {
        var form = await Settings(Member, s => s.GetMineAsync());
        form.Newsletter = form.Promotions = form.PartnerOffers = form.AllowReadTracking = true;
        await Settings(Member, s => s.SaveMineAsync(form));
        form.LimitDataUse = true;

        (await Settings(Member, s => s.SaveMineAsync(form))).ShouldBe(NotificationChange.Saved);

        foreach (var category in NotificationCatalogue.Optional)
        {
            (await MayReceiveAsync(Member, category)).ShouldBeFalse();
        }

        foreach (var category in NotificationCatalogue.Locked)
        {
            (await MayReceiveAsync(Member, category)).ShouldBeTrue();
        }

        (await Settings(Member, s => s.GetMineAsync())).AllowReadTracking.ShouldBeFalse();
        (await Settings(Member, s => s.SetMineAsync(EmailCategory.Newsletter, true))).ShouldBe(NotificationChange.Unchanged);
        (await MayReceiveAsync(Member, EmailCategory.Newsletter)).ShouldBeFalse();

        var lifted = await Settings(Member, s => s.GetMineAsync());
        lifted.LimitDataUse = false;
        lifted.Newsletter = true;
        await Settings(Member, s => s.SaveMineAsync(lifted));
        (await MayReceiveAsync(Member, EmailCategory.Newsletter)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(MemberStatus.Restricted)]
    [InlineData(MemberStatus.Closed)]
    public async Task An_account_that_is_not_active_never_receives_optional_mail(MemberStatus status)
    {
        await Settings(Member, s => s.SetMineAsync(EmailCategory.Newsletter, true));
        await using (var db = Factory.CreateDbContext())
        {
            await db.OrganisationMembers.IgnoreQueryFilters().Where(m => m.User!.Email == Member).ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, status));
        }

        (await MayReceiveAsync(Member, EmailCategory.Newsletter)).ShouldBeFalse();
        (await MayReceiveAsync(Member, EmailCategory.AccountSecurity)).ShouldBeTrue();
    }

    [Fact]
    public async Task Changes_show_in_the_person_s_history_and_no_other_organisation_sees_the_choices()
    {
        await Settings(Member, s => s.SetMineAsync(EmailCategory.Newsletter, true));

        using var member = await Factory.ScopeForSessionAsync(Member, Guid.NewGuid());
        (await member.ServiceProvider.GetRequiredService<DashboardService>().GetActivityAsync(null))
            .ShouldContain(a => a.Action == AuditActions.NotificationsChanged && a.By == ActivityActor.Self);
        (await member.ServiceProvider.GetRequiredService<PortalDbContext>().NotificationPreferences.CountAsync()).ShouldBe(1);
        using var globex = await Factory.ScopeForSessionAsync("owner@globex.test", Guid.NewGuid());
        (await globex.ServiceProvider.GetRequiredService<PortalDbContext>().NotificationPreferences.CountAsync()).ShouldBe(0);
    }

    private async Task<T> Settings<T>(string email, Func<NotificationSettings, Task<T>> act)
    {
        using var scope = await Factory.ScopeForSessionAsync(email, Guid.NewGuid());
        return await act(scope.ServiceProvider.GetRequiredService<NotificationSettings>());
    }

    private async Task<bool> MayReceiveAsync(string email, EmailCategory category)
    {
        await using var db = Factory.CreateDbContext();
        return await NotificationSettings.MayReceiveAsync(db, await Factory.UserIdAsync(email), category);
    }
}
