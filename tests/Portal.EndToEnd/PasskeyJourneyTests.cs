using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Account;
using Portal.Web.Data;

namespace Portal.EndToEnd;

[Collection(PortalInChromium.Name)]
public sealed class PasskeyJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_person_adds_a_passkey_renames_it_and_then_signs_in_with_it_instead_of_a_password()
    {
        var email = await fixture.Server.CreateAsync("Pascale");
        var page = await fixture.NewPageAsync();
        await AddVirtualAuthenticatorAsync(page);

        await AccountJourneyTests.SignInAsync(page, email, TestAccounts.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Pascale" })).ToBeVisibleAsync();
        await page.GotoAsync("/account/security/passkeys");
        await Assertions.Expect(page.GetByTestId("passkeys-empty")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Name" })).ToHaveValueAsync("Chrome on Linux");
        await page.ShouldHaveNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Passkey added");
        await Assertions.Expect(page.GetByTestId("passkey-name")).ToHaveTextAsync("Chrome on Linux");
        await page.ShouldHaveNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Rename Chrome on Linux" }).ClickAsync();

        // The link is followed by enhanced navigation: wait for the rename form to replace the add form before typing.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rename “Chrome on Linux”" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Name" }).FillAsync("Test laptop");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save name" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("passkey-name")).ToHaveTextAsync("Test laptop");

        await AccountJourneyTests.SignOutAsync(page, interactive: false);
        await Assertions.Expect(page).ToHaveURLAsync(AccountJourneyTests.LoginUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" })).ToBeVisibleAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Pascale" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("activity-list")).ToContainTextAsync("Passkey renamed");
        (await LatestSignInMethodAsync(email)).ShouldBe(SignInMethods.Passkey);
    }

    [Fact]
    public async Task A_browser_without_passkey_support_is_not_offered_passkey_sign_in()
    {
        var page = await fixture.NewPageAsync();
        await page.AddInitScriptAsync("delete window.PublicKeyCredential;");

        await page.GotoAsync("/Account/Login");

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Sign in with a passkey")).ToBeHiddenAsync();
    }

    /// <summary>Chromium's built-in authenticator: it verifies the person and consents at once, so no dialog appears.</summary>
    private static async Task AddVirtualAuthenticatorAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
    }

    private async Task<string> LatestSignInMethodAsync(string email)
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!;
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.SignInAttempts.Where(a => a.UserId == user.Id).OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Select(a => a.Method).FirstAsync();
    }
}
