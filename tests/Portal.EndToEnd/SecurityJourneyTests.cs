using System.Text.RegularExpressions;

namespace Portal.EndToEnd;

[Collection(PortalInChromium.Name)]
public sealed partial class SecurityJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_person_signed_in_in_two_browsers_signs_one_out_from_the_other()
    {
        var (laptop, phone) = await SignInTwiceAsync("Sasha");

        await laptop.GetByRole(AriaRole.Link, new() { Name = "Security" }).ClickAsync();
        await Assertions.Expect(laptop.GetByRole(AriaRole.Heading, new() { Name = "Security", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(laptop.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await Assertions.Expect(laptop.GetByTestId("session")).ToHaveCountAsync(2);
        await Assertions.Expect(laptop.Locator("[data-testid=session][data-current=true]")).ToContainTextAsync("This device");
        await Assertions.Expect(laptop.GetByTestId("sign-in-attempt")).ToHaveCountAsync(2);
        await laptop.ShouldHaveNoSeriousViolationsAsync();

        await laptop.GetByTestId("end-session").ClickAsync();
        await Assertions.Expect(laptop.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Sign out this session?");
        await laptop.ShouldHaveNoSeriousViolationsAsync();
        await laptop.GetByTestId("confirm").ClickAsync();

        await Assertions.Expect(laptop.GetByTestId("session-status")).ToContainTextAsync("has been signed out");
        await Assertions.Expect(laptop.GetByTestId("session")).ToHaveCountAsync(1);

        // The phone's page is still open on its circuit: the next session check sends it to sign in, without a reload.
        await Assertions.Expect(phone).ToHaveURLAsync(LoginUrl());
        await laptop.ReloadAsync();
        await Assertions.Expect(laptop.GetByRole(AriaRole.Heading, new() { Name = "Security", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Changing_the_password_signs_out_the_other_browser_and_the_history_offers_a_way_out()
    {
        var (laptop, phone) = await SignInTwiceAsync("Noor");

        await laptop.GotoAsync("/account/security/history");
        await Assertions.Expect(laptop.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await Assertions.Expect(laptop.GetByTestId("sign-in-attempt")).ToHaveCountAsync(2);
        await laptop.ShouldHaveNoSeriousViolationsAsync();
        await laptop.GetByRole(AriaRole.Link, new() { Name = "This wasn't me" }).First.ClickAsync();
        await Assertions.Expect(laptop.GetByRole(AriaRole.Heading, new() { Name = "Secure your account" })).ToBeVisibleAsync();
        await laptop.ShouldHaveNoSeriousViolationsAsync();
        await laptop.GetByTestId("secure-change-password").ClickAsync();

        await Assertions.Expect(laptop.GetByRole(AriaRole.Heading, new() { Name = "Change your password" })).ToBeVisibleAsync();
        await Assertions.Expect(laptop.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await laptop.GetByLabel("Current password").FillAsync(TestAccounts.Password);
        await laptop.GetByLabel("New password", new() { Exact = true }).FillAsync("an even longer passphrase");
        await laptop.GetByLabel("Confirm new password").FillAsync("an even longer passphrase");
        await Assertions.Expect(laptop.GetByLabel("Sign out of my other sessions")).ToBeCheckedAsync();
        await laptop.GetByTestId("save-password").ClickAsync();

        await Assertions.Expect(laptop.GetByTestId("password-status")).ToContainTextAsync("Other sessions signed out: 1");
        await laptop.ShouldHaveNoSeriousViolationsAsync();
        await phone.ReloadAsync();
        await Assertions.Expect(phone).ToHaveURLAsync(LoginUrl());
    }

    /// <summary>A fresh person signed in on a phone first, then on a laptop, each its own browser.</summary>
    private async Task<(IPage Laptop, IPage Phone)> SignInTwiceAsync(string firstName)
    {
        var email = await fixture.Server.CreateAsync(firstName);
        var laptop = await fixture.NewPageAsync();
        var phone = await fixture.NewPageAsync();
        foreach (var page in new[] { phone, laptop })
        {
            await AccountJourneyTests.SignInAsync(page, email, TestAccounts.Password);
            await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        }

        return (laptop, phone);
    }

    [GeneratedRegex("/Account/Login")]
    private static partial Regex LoginUrl();
}
