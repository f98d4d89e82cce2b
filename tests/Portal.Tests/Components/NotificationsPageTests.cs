using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Features.Notifications;

namespace Portal.Tests.Components;

/// <summary>The preference centre rendered with bUnit over the app's real settings service for member@acme.test.</summary>
public sealed class NotificationsPageTests : ComponentTest, IAsyncLifetime
{
    private readonly PortalFactory factory = new();
    private IServiceScope? member;

    public async Task InitializeAsync()
    {
        member = await factory.ScopeForSessionAsync("member@acme.test", Guid.NewGuid());
        Context.Services.AddSingleton(member.ServiceProvider.GetRequiredService<NotificationSettings>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        member?.Dispose();
        await factory.DisposeAsync();
    }

    [Fact]
    public void Locked_categories_have_no_switch_and_every_optional_one_has_a_labelled_one_with_promotions_off()
    {
        var page = Context.Render<NotificationsPage>();

        page.WaitForElement("[data-testid=locked-categories]");
        var locked = page.Find("[data-testid=locked-categories]");
        locked.QuerySelectorAll("li").Length.ShouldBe(NotificationCatalogue.Locked.Count);
        locked.QuerySelectorAll("input").ShouldBeEmpty();
        foreach (var id in new[] { "Newsletter", "ProductTips", "Promotions", "PartnerOffers", "ActivityUpdates", "AllowReadTracking", "LimitDataUse" })
        {
            page.Find($"input#{id}").ShouldNotBeNull();
            page.Find($"input#{id}").Closest("label")!.TextContent.ShouldNotBeNullOrWhiteSpace();
        }

        page.Find("input#Promotions").HasAttribute("checked").ShouldBeFalse();
        page.Find("input#ActivityUpdates").HasAttribute("checked").ShouldBeTrue();
        page.Find("[data-testid=digest-Weekly]").HasAttribute("checked").ShouldBeTrue();
    }

    [Fact]
    public async Task Choices_are_saved_and_shown_again()
    {
        var page = Context.Render<NotificationsPage>();
        page.WaitForElement("input#Newsletter");

        page.Find("input#Newsletter").Change(true);
        page.Find("[data-testid=digest-Monthly]").Click();
        page.Find("[data-testid=save-notifications]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=notifications-status]").TextContent.ShouldBe("Your email settings are saved."));
        var saved = await member!.ServiceProvider.GetRequiredService<NotificationSettings>().GetMineAsync();
        (saved.Newsletter, saved.Digest).ShouldBe((true, DigestFrequency.Monthly));
        page.Find("input#Newsletter").HasAttribute("checked").ShouldBeTrue();
    }

    [Fact]
    public async Task Limiting_data_use_clears_and_holds_every_optional_choice_until_lifted()
    {
        var page = Context.Render<NotificationsPage>();
        page.WaitForElement("input#LimitDataUse");

        page.Find("input#LimitDataUse").Change(true);

        foreach (var id in new[] { "Newsletter", "ProductTips", "Promotions", "PartnerOffers", "ActivityUpdates", "AllowReadTracking" })
        {
            var box = page.Find($"input#{id}");
            box.HasAttribute("checked").ShouldBeFalse();
            box.HasAttribute("disabled").ShouldBeTrue();
        }

        page.Find("fieldset[data-testid=digest]").HasAttribute("disabled").ShouldBeTrue();
        page.Find("[data-testid=digest-Monthly]").HasAttribute("disabled").ShouldBeTrue();
        page.Find("[data-testid=digest-Off]").HasAttribute("checked").ShouldBeTrue();
        page.Find("[data-testid=limited-note]").ShouldNotBeNull();
        page.Find("[data-testid=save-notifications]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=notifications-status]").TextContent.ShouldBe("Your email settings are saved."));
        var saved = await member!.ServiceProvider.GetRequiredService<NotificationSettings>().GetMineAsync();
        (saved.LimitDataUse, saved.ActivityUpdates, saved.Digest).ShouldBe((true, false, DigestFrequency.Off));
    }
}
