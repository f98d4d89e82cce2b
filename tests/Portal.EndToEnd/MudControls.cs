namespace Portal.EndToEnd;

/// <summary>How a person works MudBlazor's controls: by their labels and the names of their options.</summary>
internal static class MudControls
{
    /// <summary>Opens the labelled select in the page (not the navigation beside it) and picks the option shown with this text.</summary>
    public static async Task ChooseAsync(this IPage page, string label, string option)
    {
        await page.Locator("main").GetByLabel(label, new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Chooses a file in a file input once the framework listens to it. The input is in the page as soon as it is
    /// prerendered, and a person cannot open the file picker faster than the circuit attaches; a test can.
    /// </summary>
    public static async Task ChooseFileAsync(this ILocator input, FilePayload file)
    {
        await input.Page.WaitForFunctionAsync("input => input._blazorInputFileNextFileId !== undefined", await input.ElementHandleAsync());
        await input.SetInputFilesAsync(file);
    }
}
