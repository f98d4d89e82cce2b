using System.Text.RegularExpressions;

namespace Portal.EndToEnd;

[Collection(PortalInChromium.Name)]
public sealed partial class AccountJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_visitor_registers_confirms_by_email_signs_in_and_reaches_the_dashboard()
    {
        var page = await fixture.NewPageAsync();
        var email = $"journey-{Guid.NewGuid():N}@example.test";

        await page.GotoAsync("/Account/Register");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.GetByLabel("First name").FillAsync("Chloé");
        await page.GetByLabel("Last name").FillAsync("Durand");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Email" }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("a long journey passphrase");
        await page.GetByLabel("Confirm password").FillAsync("a long journey passphrase");
        await page.GetByLabel("I am 13 years old or older").CheckAsync();
        await page.GetByLabel("I accept the").CheckAsync();
        (await page.GetByLabel("Send me news and offers").IsCheckedAsync()).ShouldBeFalse();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();

        await page.GotoAsync("/dev/mailbox");
        await Assertions.Expect(page.GetByTestId("mailbox-item").Filter(new() { HasText = email })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.GetByTestId("mailbox-item").Filter(new() { HasText = email }).ClickAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Confirm my email address" }).ClickAsync();
        await Assertions.Expect(page.GetByText("your email address is confirmed")).ToBeVisibleAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();

        await SignInAsync(page, email, "a long journey passphrase");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Chloé" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("dashboard-organisation")).ToHaveTextAsync("Chloé Durand");
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task The_dashboard_is_interactive_through_the_circuit()
    {
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, "owner@acme.test", "Demo-Passw0rd!");
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("activity-list")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("activity-details")).ToHaveCountAsync(0);

        // The switch only changes what is shown after the server handles the click over the circuit.
        await page.GetByLabel("Show details").CheckAsync();

        await Assertions.Expect(page.GetByTestId("activity-details").First).ToBeVisibleAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Signing_out_returns_to_sign_in_and_closes_the_dashboard()
    {
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, "admin@acme.test", "Demo-Passw0rd!");
        await Assertions.Expect(page.GetByTestId("organisation-name")).ToHaveTextAsync("Acme");

        await SignOutAsync(page);
        await page.GotoAsync("/");

        await Assertions.Expect(page).ToHaveURLAsync(LoginUrl());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var page = await fixture.NewPageAsync();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SignInAsync(page, "owner@globex.test", "not the password");
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("did not work");
        }

        await SignInAsync(page, "owner@globex.test", "Demo-Passw0rd!");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked for 5 minutes");
        await Assertions.Expect(page).ToHaveURLAsync(LoginUrl());
        await page.ShouldHaveNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task The_language_choice_switches_the_interface_and_is_remembered()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/Account/Login");

        await page.GetByRole(AriaRole.Link, new() { Name = "Français" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion" })).ToBeVisibleAsync();
        await page.GotoAsync("/Account/Register");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Créez votre compte" })).ToBeVisibleAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();
    }

    internal static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Email" }).FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    /// <summary>Signs out from the account menu in the app bar; on a static page the button is in the bar itself.</summary>
    internal static async Task SignOutAsync(IPage page, bool interactive = true)
    {
        if (interactive)
        {
            await InteractiveAsync(page);
            await page.GetByRole(AriaRole.Button, new() { NameRegex = AccountMenu() }).ClickAsync();
        }

        await page.GetByTestId("sign-out").ClickAsync();
    }

    [GeneratedRegex("^Account menu for ")]
    private static partial Regex AccountMenu();

    /// <summary>
    /// Waits for the page's circuit before an interactive control (a field, a button, a switch) is used: a prerendered
    /// control has no handler until the circuit has rendered it. Links need no wait: an interactive page opts out of
    /// enhanced navigation, so a link clicked before the router intercepts it is a full page load (CircuitStartJourneyTests).
    /// </summary>
    internal static Task InteractiveAsync(IPage page) => Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();

    [GeneratedRegex("/Account/Login")]
    internal static partial Regex LoginUrl();
}
