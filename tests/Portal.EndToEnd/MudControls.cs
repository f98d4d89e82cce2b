namespace Portal.EndToEnd;

/// <summary>How a person works MudBlazor's controls: by their labels and the names of their options.</summary>
internal static class MudControls
{
    /// <summary>Opens the labelled select and picks the option shown with this text.</summary>
    public static async Task ChooseAsync(this IPage page, string label, string option)
    {
        await page.GetByLabel(label, new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);
    }
}
