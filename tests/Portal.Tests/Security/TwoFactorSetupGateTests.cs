using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Features.Security;

namespace Portal.Tests.Security;

public sealed class TwoFactorSetupGateTests : ComponentTest
{
    private const string Page = "<p id=\"page\">Dashboard</p>";

    [Fact]
    public void A_member_without_a_pending_setup_sees_the_page()
    {
        Context.AddAuthorization().SetAuthorized("Mia");
        var navigation = At("account/profile");

        var gate = Context.Render<TwoFactorSetupGate>(p => p.AddChildContent(Page));

        gate.FindAll("#page").Count.ShouldBe(1);
        navigation.Uri.ShouldEndWith("/account/profile");
    }

    [Fact]
    public void A_member_who_must_set_up_two_factor_is_sent_to_the_setup_page_and_sees_nothing_else()
    {
        Context.AddAuthorization().SetAuthorized("Mia").SetClaims(new Claim(SecurityClaims.TwoFactorSetupRequired, "true"));
        var navigation = At("account/profile");

        var gate = Context.Render<TwoFactorSetupGate>(p => p.AddChildContent(Page));

        gate.FindAll("#page").ShouldBeEmpty();
        navigation.Uri.ShouldBe(navigation.BaseUri + TwoFactorPage.Path);
    }

    [Fact]
    public void The_setup_page_itself_stays_open_to_them()
    {
        Context.AddAuthorization().SetAuthorized("Mia").SetClaims(new Claim(SecurityClaims.TwoFactorSetupRequired, "true"));
        At("account/security/two-factor?from=menu");

        var gate = Context.Render<TwoFactorSetupGate>(p => p.AddChildContent(Page));

        gate.FindAll("#page").Count.ShouldBe(1);
    }

    private NavigationManager At(string path)
    {
        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(path);
        return navigation;
    }
}
