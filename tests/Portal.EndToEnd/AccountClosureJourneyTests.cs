using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;

namespace Portal.EndToEnd;

[Collection(PortalInChromium.Name)]
public sealed class AccountClosureJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_person_closes_their_account_receives_the_receipt_and_reopens_it_from_the_link()
    {
        var email = await fixture.Server.CreateAsync("Cora");
        var page = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(page, email, TestAccounts.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Privacy" }).ClickAsync();
        await page.GetByTestId("privacy-close-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Close your account" })).ToBeVisibleAsync();
        await AccountJourneyTests.InteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("close-organisation")).ToContainTextAsync("closes the organisation too");
        await page.ShouldHaveNoSeriousViolationsAsync();

        await Assertions.Expect(page.GetByTestId("close-submit")).ToBeDisabledAsync();
        await page.GetByLabel("I understand that my account and everything in it will be deleted on").CheckAsync();
        await page.GetByTestId("close-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("closed-receipt")).ToContainTextAsync("You have been signed out everywhere");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.GotoAsync("/account/privacy");
        await Assertions.Expect(page).ToHaveURLAsync(AccountJourneyTests.LoginUrl());

        await Mailbox.OpenAsync(page, email, "Your Portal account is closed");
        await Assertions.Expect(page.GetByText("What we keep, and why")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Reopen my account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reopen your account" })).ToBeVisibleAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.GetByTestId("reopen-submit").ClickAsync();
        await Assertions.Expect(page.GetByText("Your account is open again")).ToBeVisibleAsync();

        await AccountJourneyTests.SignInAsync(page, email, TestAccounts.Password);
        await Assertions.Expect(page.GetByTestId("dashboard-organisation")).ToHaveTextAsync("Cora Tester");
    }

    [Fact]
    public async Task A_member_whose_organisation_forbids_self_closure_asks_and_the_owner_approves()
    {
        var ownerEmail = await fixture.Server.CreateAsync("Olga");
        var memberEmail = await fixture.Server.CreateAsync("Milo");
        await JoinAsync(ownerEmail, memberEmail);
        var owner = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(owner, ownerEmail, TestAccounts.Password);
        await owner.GotoAsync("/organisation/settings");
        await AccountJourneyTests.InteractiveAsync(owner);
        var selfClosure = owner.GetByLabel("Members may close their own account (otherwise closing becomes a request to administrators)");
        await selfClosure.ClickAsync();
        await Assertions.Expect(selfClosure).Not.ToBeCheckedAsync();
        await owner.GetByTestId("save-settings").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("settings-status")).ToHaveTextAsync("Settings saved.");

        var member = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(member, memberEmail, TestAccounts.Password);
        await member.GotoAsync("/account/close");
        await AccountJourneyTests.InteractiveAsync(member);
        await Assertions.Expect(member.GetByTestId("close-by-request")).ToContainTextAsync("your administrators are told and decide");
        await member.GetByLabel("I understand that my account and everything in it will be deleted on").CheckAsync();
        await member.GetByTestId("close-submit").ClickAsync();
        await Assertions.Expect(member.GetByTestId("close-status")).ToContainTextAsync("Your request was sent to your administrators");
        await Assertions.Expect(member.GetByTestId("close-requested")).ToBeVisibleAsync();
        await member.ShouldHaveNoSeriousViolationsAsync();

        await Mailbox.OpenAsync(owner, ownerEmail, "Milo Tester asked to close their account");
        await owner.GetByRole(AriaRole.Link, new() { Name = "Open their page" }).ClickAsync();
        await AccountJourneyTests.InteractiveAsync(owner);
        await Assertions.Expect(owner.GetByTestId("member-closure-requested")).ToContainTextAsync("Asked on");
        await owner.ShouldHaveNoSeriousViolationsAsync();
        await owner.GetByTestId("member-closure-approve").ClickAsync();
        await owner.GetByTestId("confirm").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("member-closure-status")).ToHaveTextAsync("The account is closed. The member received a receipt.");
        await Assertions.Expect(owner.GetByTestId("member-closure-closing")).ToContainTextAsync("Closed at the member's request");
        await owner.ShouldHaveNoSeriousViolationsAsync();

        await member.GotoAsync("/account/close");
        await Assertions.Expect(member).ToHaveURLAsync(AccountJourneyTests.LoginUrl());
    }

    /// <summary>Moves the second person into the first's organisation as a Member, as accepting an invitation would.</summary>
    private async Task JoinAsync(string ownerEmail, string memberEmail)
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var members = db.OrganisationMembers.IgnoreQueryFilters();
        var organisation = await members.Where(m => m.User!.Email == ownerEmail).Select(m => m.TenantId).SingleAsync();
        await members.Where(m => m.User!.Email == memberEmail)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.TenantId, organisation).SetProperty(m => m.Role, OrganisationRole.Member));
    }
}
