using System.Runtime.CompilerServices;
using Deque.AxeCore.Playwright;

namespace Portal.EndToEnd;

internal static class Accessibility
{
    private static readonly ConditionalWeakTable<IPage, List<string>> PolicyViolations = new();

    /// <summary>Records every Content-Security-Policy refusal the browser reports for the page.</summary>
    public static void WatchForPolicyViolations(IPage page)
    {
        var violations = PolicyViolations.GetOrCreateValue(page);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (violations)
                {
                    violations.Add(message.Text);
                }
            }
        };
    }

    /// <summary>
    /// Runs axe on the page and fails on any serious or critical violation, naming each. An interactive page in the
    /// portal's layout is checked once its circuit has rendered it: while the circuit starts, the head's title is handed from the prerendered page to
    /// the circuit and is briefly absent.
    /// </summary>
    public static async Task ShouldHaveNoSeriousViolationsAsync(this IPage page)
    {
        if (await page.Locator("body[data-enhance-nav=false] main[data-interactive]").CountAsync() > 0)
        {
            await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        }

        var result = await page.RunAxe();
        var serious = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")
            .ToList();
        serious.ShouldBeEmpty($"axe found serious or critical violations on {page.Url}");
        if (PolicyViolations.TryGetValue(page, out var refused))
        {
            lock (refused)
            {
                refused.ShouldBeEmpty($"the browser refused content under the Content-Security-Policy on {page.Url}");
            }
        }
    }
}
