using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Components.Layout;
using Radzen;

namespace Portal.Tests.Components;

public sealed class ThemeToggleTests : IDisposable
{
    private readonly BunitContext _context = new();

    public ThemeToggleTests()
    {
        _context.Services.AddLocalization();
        _context.Services.AddRadzenComponents();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void The_toggle_has_an_accessible_name_and_switches_to_the_dark_theme()
    {
        var theme = _context.Services.GetRequiredService<ThemeService>();
        theme.SetTheme("material");
        var toggle = _context.Render<ThemeToggle>();

        toggle.Find("button").GetAttribute("title").ShouldBe("Switch between light and dark theme");
        toggle.Find("button").Click();

        theme.Theme.ShouldBe("material-dark");
    }

    public void Dispose() => _context.Dispose();
}
