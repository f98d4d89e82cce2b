using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;
using Portal.Web.Tenancy;

namespace Portal.EndToEnd;

[Collection(PortalInChromium.Name)]
public sealed partial class MemberDirectoryJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_admin_opens_the_directory_then_searches_and_filters_the_members()
    {
        var page = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(page, "admin@acme.test", "Demo-Passw0rd!");
        await page.GetByRole(AriaRole.Link, new() { Name = "Members", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Members", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("members-summary")).ToHaveTextAsync("Members 1–3 of 3");
        await Assertions.Expect(page.GetByTestId("member-name")).ToHaveTextAsync(["Adam Admin", "Mia Member", "Olivia Owner"]);
        await Assertions.Expect(page.GetByTestId("member-role")).ToHaveTextAsync(["Administrator", "Member", "Owner"]);
        await page.ShouldHaveNoSeriousViolationsAsync();

        var search = page.GetByLabel("Search", new() { Exact = true });
        await search.FillAsync("oliv");
        await Assertions.Expect(page.GetByTestId("member-name")).ToHaveTextAsync(["Olivia Owner"]);
        await search.FillAsync("member@acme");
        await Assertions.Expect(page.GetByTestId("member-name")).ToHaveTextAsync(["Mia Member"]);
        await search.FillAsync("");
        await page.ChooseAsync("Role", "Administrator");
        await Assertions.Expect(page.GetByTestId("member-name")).ToHaveTextAsync(["Adam Admin"]);
        await Assertions.Expect(page.GetByTestId("member-status")).ToHaveTextAsync(["Active"]);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Adam Admin" })).ToHaveAttributeAsync("href", MemberLink());

        await page.ChooseAsync("Status", "Invited");

        await Assertions.Expect(page.GetByTestId("members-summary")).ToHaveTextAsync("No members match this search and these filters.");
        await Assertions.Expect(page.GetByTestId("members-empty")).ToBeVisibleAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task An_owner_pages_through_a_larger_organisation_and_back()
    {
        var owner = await fixture.Server.CreateAsync("Otto");
        await AddMembersAsync(owner, 30);
        var page = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(page, owner, TestAccounts.Password);
        await page.GotoAsync("/organisation/members");
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("members-summary")).ToHaveTextAsync("Members 1–25 of 31");
        await Assertions.Expect(page.GetByTestId("member-name")).ToHaveCountAsync(25);
        var firstPage = await page.GetByTestId("member-name").AllTextContentsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("members-summary")).ToHaveTextAsync("Members 26–31 of 31");
        await Assertions.Expect(page.GetByTestId("member-name")).ToHaveCountAsync(6);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Next" })).ToBeDisabledAsync();
        (await page.GetByTestId("member-name").AllTextContentsAsync()).ShouldNotContain(firstPage[^1]);
        await page.ShouldHaveNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Previous" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("members-summary")).ToHaveTextAsync("Members 1–25 of 31");
        await Assertions.Expect(page.GetByTestId("member-name")).ToHaveTextAsync(firstPage.ToArray());
    }

    /// <summary>Adds members straight to the owner's own (fresh) organisation, so no other journey meets them.</summary>
    private async Task AddMembersAsync(string ownerEmail, int count)
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        Guid organisation;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var ownerId = await db.Users.Where(u => u.Email == ownerEmail).Select(u => u.Id).SingleAsync();
            organisation = await db.OrganisationMembers.IgnoreQueryFilters().Where(m => m.UserId == ownerId).Select(m => m.TenantId).SingleAsync();
        }

        _ = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organisation);
        await using var members = await factory.CreateDbContextAsync();
        for (var i = 0; i < count; i++)
        {
            var email = $"colleague{i:D2}-{Guid.NewGuid():N}@example.test";
            var user = new PortalUser { UserName = email, Email = email, FirstName = $"Colleague{i:D2}", LastName = "Tester", CreatedAt = DateTime.UtcNow };
            members.Users.Add(user);
            members.OrganisationMembers.Add(new OrganisationMember { Id = Guid.CreateVersion7(), UserId = user.Id, Role = OrganisationRole.Member, JoinedAt = DateTime.UtcNow });
        }

        await members.SaveChangesAsync();
    }

    [GeneratedRegex("^organisation/members/[0-9a-f-]{36}$")]
    private static partial Regex MemberLink();
}
