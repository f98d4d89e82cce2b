using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Data;

namespace Portal.EndToEnd;

/// <summary>
/// A page is rendered twice on a full load: prerendered, then again when its circuit starts. Pages that hand what they
/// read to the interactive render read it once; these journeys count the reads the app sends for one page load.
/// </summary>
[Collection(PortalInChromium.Name)]
public sealed class PrerenderedStateJourneyTests(BrowserFixture fixture)
{
    private QueryLog Queries => fixture.Server.Queries;

    [Fact]
    public async Task The_profile_page_and_the_header_logo_are_read_once_per_page_load()
    {
        var (page, userId, tenantId) = await SignInFreshAsync("Petra");
        var profiles = Queries.Selects("Profiles", userId);
        var logos = Queries.Selects("OrganisationLogos", tenantId);

        await page.GotoAsync("/account/profile");
        await AccountJourneyTests.InteractiveAsync(page);
        // The interactive render replaces the prerendered page; the form is back once that render has loaded what it shows.
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "First name" })).ToHaveValueAsync("Petra");

        (Queries.Selects("Profiles", userId) - profiles).ShouldBe(1, Queries.Describe(userId));
        (Queries.Selects("OrganisationLogos", tenantId) - logos).ShouldBe(1, Queries.Describe(tenantId));

        // What the page edits is its own: a change is saved and shown as saved.
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Job title" }).FillAsync("Tester of pages");
        await page.GetByTestId("save-profile").ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-status")).ToContainTextAsync("Your profile is saved");
        await page.ReloadAsync();
        await AccountJourneyTests.InteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Job title" })).ToHaveValueAsync("Tester of pages");
    }

    [Fact]
    public async Task The_security_page_is_read_once_per_page_load()
    {
        var (page, userId, _) = await SignInFreshAsync("Sigrid");
        var passkeys = Queries.Selects("AspNetUserPasskeys", userId);
        var attempts = Queries.Selects("SignInAttempts", userId);

        await page.GotoAsync("/account/security");
        await AccountJourneyTests.InteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("passkey-count")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("session")).ToHaveCountAsync(1);

        (Queries.Selects("AspNetUserPasskeys", userId) - passkeys).ShouldBe(1, Queries.Describe(userId));
        (Queries.Selects("SignInAttempts", userId) - attempts).ShouldBe(1, Queries.Describe(userId));
    }

    /// <summary>A fresh account in an organisation of its own, signed in and on its interactive dashboard.</summary>
    private async Task<(IPage Page, string UserId, Guid TenantId)> SignInFreshAsync(string firstName)
    {
        var email = await fixture.Server.CreateAsync(firstName);
        string userId;
        Guid tenantId;
        await using (var scope = fixture.Server.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            tenantId = await db.OrganisationMembers.IgnoreQueryFilters().Where(m => m.UserId == userId).Select(m => m.TenantId).SingleAsync();
        }

        var page = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(page, email, TestAccounts.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Welcome, {firstName}" })).ToBeVisibleAsync();
        await AccountJourneyTests.InteractiveAsync(page);
        return (page, userId, tenantId);
    }
}
