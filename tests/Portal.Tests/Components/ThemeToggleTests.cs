using Bunit;
using Portal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Components.Layout;
using Radzen;

namespace Portal.Tests.Components;

public sealed class ThemeToggleTests : ComponentTest
{
    [Fact]
    public void The_toggle_has_an_accessible_name_and_switches_to_the_dark_theme()
    {
        var theme = Context.Services.GetRequiredService<ThemeService>();
        theme.SetTheme("material");
        var toggle = Context.Render<ThemeToggle>();

        toggle.Find("button").GetAttribute("title").ShouldBe("Switch between light and dark theme");
        toggle.Find("button").Click();

        theme.Theme.ShouldBe("material-dark");
    }
}
