namespace Portal.EndToEnd;

/// <summary>The development mailbox, which is a static page: each load shows what the dispatcher has delivered so far.</summary>
internal static class Mailbox
{
    public static async Task OpenAsync(IPage page, string to, string subject)
    {
        var item = page.GetByTestId("mailbox-item").Filter(new() { HasText = to }).Filter(new() { HasText = subject });
        await page.GotoAsync("/dev/mailbox");
        await page.ReloadUntilFoundAsync(item);
        await item.First.ClickAsync();
    }
}
