using System.Text.Json;
using Portal.Tests.Partners;

namespace Portal.EndToEnd;

[Collection(PortalInChromium.Name)]
public sealed class PartnerJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_admin_adds_a_partner_a_person_joins_through_it_and_their_opt_out_reaches_the_partner()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var slug = $"leads-{Guid.NewGuid():N}"[..14];
        var admin = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(admin, "admin@portal.test", "Demo-Passw0rd!");
        await admin.GotoAsync("/administration/partners");
        await AccountJourneyTests.InteractiveAsync(admin);
        await admin.GetByLabel("Partner name").FillAsync("Lumen Leads");
        await admin.GetByLabel("Join address").FillAsync(slug);
        await admin.GetByLabel("Partner’s privacy statement (address)").FillAsync("https://lumen-leads.test/privacy");
        await admin.GetByLabel("Opt-out webhook address").FillAsync("ftp://lumen-leads.test/");
        await admin.GetByTestId("partner-save").ClickAsync();
        await Assertions.Expect(admin.GetByText("Enter a full https:// address.")).ToBeVisibleAsync();
        await admin.GetByLabel("Opt-out webhook address").FillAsync(receiver.Url);
        await admin.GetByTestId("partner-save").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("partners-status")).ToContainTextAsync("Lumen Leads is saved.");
        await Assertions.Expect(admin.GetByTestId("partner-secret")).ToContainTextAsync("whsec_");
        await Assertions.Expect(admin.GetByTestId("partners-grid")).ToContainTextAsync($"/join/{slug}");
        await admin.ShouldHaveNoSeriousViolationsAsync();

        var email = $"joined-{Guid.NewGuid():N}@example.test";
        var person = await fixture.NewPageAsync();
        await person.GotoAsync($"/join/{slug}");
        await Assertions.Expect(person.GetByRole(AriaRole.Heading, new() { Name = "Create your account with Lumen Leads" })).ToBeVisibleAsync();
        await Assertions.Expect(person.GetByTestId("partner-notice")).ToContainTextAsync("Portal collects what you enter on this page");
        await Assertions.Expect(person.GetByRole(AriaRole.Link, new() { Name = "Lumen Leads’s privacy statement" })).ToHaveAttributeAsync("href", "https://lumen-leads.test/privacy");
        await person.ShouldHaveNoSeriousViolationsAsync();
        await person.GetByLabel("First name").FillAsync("Lena");
        await person.GetByLabel("Last name").FillAsync("Joiner");
        await person.GetByRole(AriaRole.Textbox, new() { Name = "Email" }).FillAsync(email);
        await person.GetByLabel("Password", new() { Exact = true }).FillAsync(TestAccounts.Password);
        await person.GetByLabel("Confirm password").FillAsync(TestAccounts.Password);
        await person.GetByLabel("I am 13 years old or older").CheckAsync();
        await person.GetByLabel("I accept the").CheckAsync();
        await person.GetByLabel("Send me news and offers").CheckAsync();
        await person.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Mailbox.OpenAsync(person, email, "Welcome");
        await person.GetByRole(AriaRole.Link, new() { Name = "Confirm my email address" }).ClickAsync();
        await Assertions.Expect(person.GetByText("your email address is confirmed")).ToBeVisibleAsync();

        await AccountJourneyTests.SignInAsync(person, email, TestAccounts.Password);
        await person.GotoAsync("/account/notifications");
        await AccountJourneyTests.InteractiveAsync(person);
        await Assertions.Expect(person.GetByLabel("Promotions and special offers")).ToBeCheckedAsync();
        await person.GetByLabel("Promotions and special offers").UncheckAsync();
        await person.GetByTestId("save-notifications").ClickAsync();
        await Assertions.Expect(person.GetByTestId("notifications-status")).ToHaveTextAsync("Your email settings are saved.");

        var told = await receiver.FirstAccepted.WaitAsync(TimeSpan.FromSeconds(30));
        using var body = JsonDocument.Parse(told.Body);
        body.RootElement.GetProperty("data").GetProperty("email").GetString().ShouldBe(email);
        told.Signature.ShouldStartWith("v1,");
        await person.GotoAsync("/account/activity");
        var delivered = person.GetByTestId("activity-list").GetByText("Partner told of your opt-out from promotions");
        await person.ReloadUntilFoundAsync(delivered);
        await Assertions.Expect(delivered).ToBeVisibleAsync();
    }
}
