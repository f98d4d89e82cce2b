namespace Portal.EndToEnd;

/// <summary>
/// Every page each role reaches, in light and dark, at desktop and phone width: axe finds nothing serious or
/// critical, and nothing is wider than the window.
/// </summary>
[Collection(PortalInChromium.Name)]
public sealed class AccessibilityTourTests(BrowserFixture fixture)
{
    private static readonly (int Width, int Height)[] Sizes = [(1280, 800), (390, 844)];

    public static TheoryData<string, string[]> Tours() => new()
    {
        { "-", ["/Account/Login", "/Account/Register", "/Account/ForgotPassword", "/Account/ResendEmailConfirmation", "/legal/privacy", "/legal/terms", "/not-found"] },
        { "member@acme.test", ["/", "/account/profile", "/account/security", "/account/security/history", "/account/security/password", "/account/security/two-factor", "/account/security/passkeys", "/account/activity", "/account/notifications", "/account/privacy"] },
        { "owner@acme.test", ["/", "/organisation", "/organisation/members", "/organisation/invitations", "/organisation/settings", "/organisation/audit", "/organisation/announcements"] },
        { "support@portal.test", ["/", "/support", "/support/users", "/support/organisations", "/support/audit", "/support/disclosures", "/administration/outbox"] },
        { "admin@portal.test", ["/", "/administration/announcements", "/administration/partners"] },
    };

    [Theory]
    [MemberData(nameof(Tours))]
    public async Task Every_page_passes_axe_and_fits_the_window_in_light_and_dark(string email, string[] paths)
    {
        foreach (var dark in new[] { false, true })
        {
            var page = await fixture.NewPageAsync();
            await page.EmulateMediaAsync(new() { ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light });
            await page.Context.AddCookiesAsync([new Cookie { Name = "Portal.Theme", Value = dark ? "dark" : "light", Url = fixture.Server.BaseUrl }]);
            if (email != "-")
            {
                await AccountJourneyTests.SignInAsync(page, email, Portal.Web.Data.DemoSeeder.Password);
                await Assertions.Expect(page.GetByTestId("user-name")).ToBeVisibleAsync();
            }

            foreach (var (width, height) in Sizes)
            {
                await page.SetViewportSizeAsync(width, height);
                foreach (var path in paths)
                {
                    await page.GotoAsync(path);
                    await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
                    if (await page.Locator("main[data-interactive]").CountAsync() > 0 && path != "/account/security/passkeys")
                    {
                        await AccountJourneyTests.InteractiveAsync(page);
                    }

                    await page.ShouldHaveNoSeriousViolationsAsync();
                    var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                    overflow.ShouldBeLessThanOrEqualTo(0, $"{path} is {overflow}px wider than a {width}px window ({(dark ? "dark" : "light")})");
                }
            }

            await page.Context.CloseAsync();
        }
    }
}
