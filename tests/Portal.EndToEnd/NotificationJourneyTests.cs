namespace Portal.EndToEnd;

[Collection(PortalInChromium.Name)]
public sealed class NotificationJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_person_chooses_their_email_then_limits_the_use_of_their_data()
    {
        var email = await fixture.Server.CreateAsync("Nora");
        var page = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(page, email, TestAccounts.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Email settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Email and notifications", Level = 1 })).ToBeVisibleAsync();
        await AccountJourneyTests.InteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("locked-categories")).ToContainTextAsync("Account and security");
        await Assertions.Expect(page.GetByLabel("Promotions and special offers")).Not.ToBeCheckedAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();

        await page.GetByLabel("Newsletter").CheckAsync();
        await page.GetByLabel("Monthly").CheckAsync();
        await page.GetByTestId("save-notifications").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notifications-status")).ToHaveTextAsync("Your email settings are saved.");

        await page.ReloadAsync();
        await AccountJourneyTests.InteractiveAsync(page);
        await Assertions.Expect(page.GetByLabel("Newsletter")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Monthly")).ToBeCheckedAsync();

        await page.GetByLabel("Limit use of my data").CheckAsync();
        await Assertions.Expect(page.GetByLabel("Newsletter")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Newsletter")).ToBeDisabledAsync();
        await page.GetByTestId("save-notifications").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notifications-status")).ToHaveTextAsync("Your email settings are saved.");
        await Assertions.Expect(page.GetByTestId("limited-note")).ToBeVisibleAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();

        await page.GotoAsync("/account/activity");
        await Assertions.Expect(page.GetByTestId("activity-list")).ToContainTextAsync("Email settings changed");
    }
}
