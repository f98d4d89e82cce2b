using Bunit;
using Portal.Tests.Infrastructure;
using Portal.Web.Components.Layout;

namespace Portal.Tests.Components;

public sealed class ThemeToggleTests : ComponentTest
{
    [Fact]
    public void The_toggle_has_an_accessible_name_says_whether_dark_is_on_and_asks_for_dark()
    {
        bool? chosen = null;
        var toggle = Context.Render<ThemeToggle>(p => p
            .Add(t => t.Dark, false)
            .Add(t => t.DarkChanged, (bool dark) => chosen = dark));

        var button = toggle.Find("button[data-testid=theme-toggle]");
        button.GetAttribute("aria-label").ShouldBe("Switch between light and dark theme");
        button.GetAttribute("aria-pressed").ShouldBe("false");
        button.Click();

        chosen.ShouldBe(true);
    }
}
