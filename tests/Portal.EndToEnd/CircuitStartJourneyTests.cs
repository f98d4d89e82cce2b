namespace Portal.EndToEnd;

/// <summary>
/// A link clicked while the page's circuit is still starting must still reach its page. The journey holds the circuit's
/// connection until the link has been clicked, so the click lands in that window every time.
/// </summary>
[Collection(PortalInChromium.Name)]
public sealed class CircuitStartJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_link_clicked_before_the_circuit_connects_opens_its_page()
    {
        var page = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(page, "admin@acme.test", "Demo-Passw0rd!");
        await Assertions.Expect(page.GetByTestId("organisation-name")).ToHaveTextAsync("Acme");

        var negotiating = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clicked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/_blazor/negotiate**", async route =>
        {
            negotiating.TrySetResult();
            await clicked.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync("/");
        await negotiating.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await page.GetByRole(AriaRole.Link, new() { Name = "Members", Exact = true }).ClickAsync();
        clicked.TrySetResult();

        await MembersPageAsync(page);
    }

    private static async Task MembersPageAsync(IPage page)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/organisation/members$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Members", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("members-summary")).ToHaveTextAsync("Members 1–3 of 3");
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
    }
}
