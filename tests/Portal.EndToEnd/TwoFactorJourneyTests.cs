using System.Text.RegularExpressions;
using Portal.Tests.Infrastructure;

namespace Portal.EndToEnd;

[Collection(PortalInChromium.Name)]
public sealed partial class TwoFactorJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_member_turns_on_two_factor_saves_the_recovery_codes_and_signs_in_with_password_and_code()
    {
        var email = await fixture.Server.CreateAsync("Tess");
        var page = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(page, email, TestAccounts.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Tess" })).ToBeVisibleAsync();

        await page.GotoAsync("/account/security/two-factor");
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("two-factor-status")).ToHaveTextAsync("Two-factor sign-in is off.");
        await page.ShouldHaveNoSeriousViolationsAsync();

        await page.GetByTestId("set-up").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code that adds Portal" })).ToBeVisibleAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();
        var key = (await page.GetByTestId("authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await page.GetByLabel("6-digit code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByTestId("verify-code").ClickAsync();

        await Assertions.Expect(page.GetByTestId("recovery-code")).ToHaveCountAsync(10);
        await Assertions.Expect(page.GetByTestId("recovery-codes").GetByRole(AriaRole.Alert)).ToContainTextAsync("shown only this once");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.GetByTestId("codes-saved").ClickAsync();
        await Assertions.Expect(page.GetByTestId("two-factor-status")).ToHaveTextAsync("Two-factor sign-in is on.");
        await Assertions.Expect(page.GetByTestId("recovery-codes-left")).ToHaveTextAsync("Recovery codes left: 10");
        await page.ShouldHaveNoSeriousViolationsAsync();

        await AccountJourneyTests.SignOutAsync(page);
        await Assertions.Expect(page).ToHaveURLAsync(LoginUrl());
        await AccountJourneyTests.SignInAsync(page, email, TestAccounts.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter your authentication code" })).ToBeVisibleAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with a recovery code" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in with a recovery code" })).ToBeVisibleAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "authenticator app instead" }).ClickAsync();

        // The setup code is spent; like a person, the test uses the app's next code, which is accepted a step early.
        await page.GetByLabel("Authentication code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Tess" })).ToBeVisibleAsync();
    }

    [GeneratedRegex("/Account/Login")]
    private static partial Regex LoginUrl();
}
