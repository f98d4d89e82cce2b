namespace Portal.EndToEnd;

/// <summary>Pages that show what a background job has done so far: each load shows the state at that moment.</summary>
internal static class Reloading
{
    /// <summary>Reloads the page until the locator finds something, for at most 20 seconds; the assertion that follows says what was expected.</summary>
    public static async Task ReloadUntilFoundAsync(this IPage page, ILocator locator)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await locator.CountAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await page.ReloadAsync();
        }
    }
}
