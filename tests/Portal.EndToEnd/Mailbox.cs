namespace Portal.EndToEnd;

/// <summary>The development mailbox, which is a static page: each load shows what the dispatcher has delivered so far.</summary>
internal static class Mailbox
{
    public static async Task OpenAsync(IPage page, string to, string subject)
    {
        var item = page.GetByTestId("mailbox-item").Filter(new() { HasText = to }).Filter(new() { HasText = subject });
        var deadline = DateTime.UtcNow.AddSeconds(20);
        await page.GotoAsync("/dev/mailbox");
        while (await item.CountAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await page.ReloadAsync();
        }

        await item.First.ClickAsync();
    }
}
