using Deque.AxeCore.Playwright;

namespace Portal.EndToEnd;

internal static class Accessibility
{
    /// <summary>Runs axe on the page and fails on any serious or critical violation, naming each.</summary>
    public static async Task ShouldHaveNoSeriousViolationsAsync(this IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")
            .ToList();
        serious.ShouldBeEmpty($"axe found serious or critical violations on {page.Url}");
    }
}
