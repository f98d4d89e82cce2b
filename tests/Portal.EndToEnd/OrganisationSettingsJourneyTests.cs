namespace Portal.EndToEnd;

[Collection(PortalInChromium.Name)]
public sealed class OrganisationSettingsJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_owner_changes_a_member_policy_and_locks_a_profile_field()
    {
        var email = await fixture.Server.CreateAsync("Olu");
        var page = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(page, email, TestAccounts.Password);
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Organisation settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Organisation settings" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();
        var changeEmail = page.GetByLabel("Members may change the email address they sign in with");
        await Assertions.Expect(changeEmail).ToBeCheckedAsync();
        await changeEmail.ClickAsync();
        await Assertions.Expect(changeEmail).Not.ToBeCheckedAsync();
        await page.GetByLabel("Job title").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Job title")).ToBeCheckedAsync();
        await page.GetByLabel("Short name").FillAsync("acme");
        await page.GetByTestId("save-settings").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-status")).ToHaveTextAsync("That short name is already used by another organisation. Choose another.");
        var slug = $"olu-{Guid.NewGuid():N}"[..20];
        await page.GetByLabel("Short name").FillAsync(slug);
        await page.GetByTestId("save-settings").ClickAsync();

        await Assertions.Expect(page.GetByTestId("settings-status")).ToHaveTextAsync("Settings saved.");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Members may change the email address they sign in with")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Job title")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Short name")).ToHaveValueAsync(slug);
        await page.ShouldHaveNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Organisation audit log" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await page.ChooseAsync("Action", "Organisation settings changed");
        await page.GetByTestId("audit-search").ClickAsync();
        var rows = page.GetByTestId("audit-table").Locator("tbody").GetByRole(AriaRole.Row);
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync(email);
        await page.ShouldHaveNoSeriousViolationsAsync();
    }
}
