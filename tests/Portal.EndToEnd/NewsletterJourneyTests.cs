namespace Portal.EndToEnd;

[Collection(PortalInChromium.Name)]
public sealed class NewsletterJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_person_opts_in_at_registration_receives_a_newsletter_and_unsubscribes_from_its_link_signed_out()
    {
        var email = $"news-{Guid.NewGuid():N}@example.test";
        var person = await fixture.NewPageAsync();
        await person.GotoAsync("/Account/Register");
        await person.GetByLabel("First name").FillAsync("Nell");
        await person.GetByLabel("Last name").FillAsync("Reader");
        await person.GetByRole(AriaRole.Textbox, new() { Name = "Email" }).FillAsync(email);
        await person.GetByLabel("Password", new() { Exact = true }).FillAsync(TestAccounts.Password);
        await person.GetByLabel("Confirm password").FillAsync(TestAccounts.Password);
        await person.GetByLabel("I am 13 years old or older").CheckAsync();
        await person.GetByLabel("I accept the").CheckAsync();
        await person.GetByLabel("Send me news and offers").CheckAsync();
        await person.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(person.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await Mailbox.OpenAsync(person, email, "Welcome");
        await person.GetByRole(AriaRole.Link, new() { Name = "Confirm my email address" }).ClickAsync();
        await Assertions.Expect(person.GetByText("your email address is confirmed")).ToBeVisibleAsync();

        var admin = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(admin, "admin@portal.test", "Demo-Passw0rd!");
        await admin.GotoAsync("/administration/announcements");
        await AccountJourneyTests.InteractiveAsync(admin);
        await admin.GetByLabel("Newsletter").CheckAsync();
        await admin.GetByLabel("One organisation").CheckAsync();
        await admin.ChooseAsync("Organisation", "Nell Reader");
        await admin.GetByLabel("Subject").FillAsync("Portal news for December");
        await admin.GetByLabel("Message").FillAsync("Hello **readers**, here is what is new.");
        await admin.GetByTestId("announcement-preview").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("announcement-preview-body").Locator("strong")).ToHaveTextAsync("readers");
        await admin.GetByTestId("announcement-count").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("announcement-status")).ToHaveTextAsync("Recipients now, after their preferences: 1.");
        await admin.ShouldHaveNoSeriousViolationsAsync();
        await admin.GetByTestId("announcement-send").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("confirm-dialog")).ToContainTextAsync("will be emailed to 1 people now");
        await admin.GetByTestId("confirm").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("announcement-progress")).ToContainTextAsync("Sent to everyone in the audience. Recipients: 1.", new() { Timeout = 20_000 });

        var reader = await fixture.NewPageAsync();
        await Mailbox.OpenAsync(reader, email, "Portal news for December");
        await reader.GetByRole(AriaRole.Link, new() { Name = "Unsubscribe" }).ClickAsync();

        await Assertions.Expect(reader.GetByTestId("unsubscribe-done")).ToContainTextAsync("You will no longer receive “Newsletter” emails.");
        await Assertions.Expect(reader.GetByLabel("Newsletter")).Not.ToBeCheckedAsync();
        await Assertions.Expect(reader.GetByLabel("Promotions and special offers")).ToBeCheckedAsync();
        await reader.ShouldHaveNoSeriousViolationsAsync();
        await reader.GetByLabel("Promotions and special offers").UncheckAsync();
        await reader.GetByTestId("save-email-choices").ClickAsync();
        await Assertions.Expect(reader.GetByText("Your email settings are saved.")).ToBeVisibleAsync();
    }
}
