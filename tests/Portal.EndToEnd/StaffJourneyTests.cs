namespace Portal.EndToEnd;

[Collection(PortalInChromium.Name)]
public sealed class StaffJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Support_verifies_the_audit_chain_from_the_console()
    {
        var page = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(page, "support@portal.test", "Demo-Passw0rd!");

        await page.GetByRole(AriaRole.Link, new() { Name = "Support" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Support", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await page.GetByTestId("verify-audit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("verify-result")).ToContainTextAsync("The chain is intact");
        await page.ShouldHaveNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Support_finds_a_member_of_another_organisation_and_opens_their_account_read_only()
    {
        var page = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(page, "support@portal.test", "Demo-Passw0rd!");
        await page.GotoAsync("/support");
        await page.GetByTestId("support-users-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "People", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();

        await page.GetByTestId("support-search").FillAsync("member@acme");
        await page.GetByTestId("support-find").ClickAsync();

        var people = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTestId("support-user") });
        await Assertions.Expect(people).ToHaveCountAsync(1);
        await Assertions.Expect(people).ToContainTextAsync("Acme");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Mia Member" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("support-user-title")).ToHaveTextAsync("Mia Member");
        await Assertions.Expect(page.GetByTestId("member-account")).ToContainTextAsync("member@acme.test");
        await Assertions.Expect(page.GetByTestId("member-actions")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("member-edit-profile")).ToHaveCountAsync(0);
        await page.ShouldHaveNoSeriousViolationsAsync();

        await page.GotoAsync("/support/audit");
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await page.ChooseAsync("Action", "Account viewed by Portal support");
        await page.GetByTestId("audit-subject").FillAsync("member@acme.test");
        await page.GetByTestId("audit-search").ClickAsync();
        var entry = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTestId("audit-row") }).First;
        await Assertions.Expect(entry).ToContainTextAsync("support@portal.test");
        await Assertions.Expect(entry).ToContainTextAsync("Acme");
        await page.ShouldHaveNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Support_signs_a_person_out_everywhere_and_records_a_disclosure_they_are_told_of()
    {
        var email = await fixture.Server.CreateAsync("Pia");
        var person = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(person, email, TestAccounts.Password);
        await Assertions.Expect(person.Locator("main[data-interactive=true]")).ToBeVisibleAsync();

        var support = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(support, "support@portal.test", "Demo-Passw0rd!");
        await support.GotoAsync("/support/users");
        await Assertions.Expect(support.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await support.GetByTestId("support-search").FillAsync(email);
        await support.GetByTestId("support-find").ClickAsync();
        await support.GetByRole(AriaRole.Link, new() { Name = "Pia Tester" }).ClickAsync();
        await Assertions.Expect(support.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await support.GetByTestId("support-end-sessions").ClickAsync();
        await support.GetByTestId("confirm").ClickAsync();

        await Assertions.Expect(support.GetByTestId("support-user-message")).ToHaveTextAsync("The member has been signed out everywhere.");
        await Assertions.Expect(person).ToHaveURLAsync(AccountJourneyTests.LoginUrl());
        await support.ShouldHaveNoSeriousViolationsAsync();

        await support.GetByTestId("disclosure-record").ClickAsync();
        await Assertions.Expect(support.GetByText("Who asked is required.")).ToBeVisibleAsync();
        await support.GetByLabel("Who asked").FillAsync("Tax office");
        await support.GetByLabel("Legal basis").FillAsync("Statutory notice 88");
        await support.GetByLabel("Received on").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await support.GetByLabel("What was disclosed").FillAsync("Name and email address");
        // Leaving the last field clears its "required" message, which moves the button up: click it once it stays put.
        await support.GetByLabel("What was disclosed").BlurAsync();
        await Assertions.Expect(support.GetByTestId("disclosure").GetByText("is required.")).ToHaveCountAsync(0);
        await support.GetByTestId("disclosure-record").ClickAsync();
        await Assertions.Expect(support.GetByTestId("disclosure-status")).ToHaveTextAsync("Recorded. The person has been told.");
        await support.ShouldHaveNoSeriousViolationsAsync();

        await AccountJourneyTests.SignInAsync(person, email, TestAccounts.Password);
        await person.GetByRole(AriaRole.Link, new() { Name = "Privacy" }).ClickAsync();
        await Assertions.Expect(person.GetByTestId("disclosure-item")).ToContainTextAsync("Tax office");
        await person.ShouldHaveNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task A_platform_admin_suspends_an_organisation_whose_owner_is_signed_out_then_lifts_it()
    {
        var ownerEmail = await fixture.Server.CreateAsync("Sam");
        var owner = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(owner, ownerEmail, TestAccounts.Password);
        await Assertions.Expect(owner.Locator("main[data-interactive=true]")).ToBeVisibleAsync();

        var admin = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(admin, "admin@portal.test", "Demo-Passw0rd!");
        await admin.GotoAsync("/support/organisations");
        await Assertions.Expect(admin.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await admin.GetByTestId("org-search").FillAsync("Sam Tester");
        await admin.GetByTestId("org-find").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("organisation-row")).ToHaveCountAsync(1);
        await admin.ShouldHaveNoSeriousViolationsAsync();

        await admin.GetByTestId("organisation-suspend").ClickAsync();
        await admin.GetByTestId("suspend-confirm").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("org-message")).ToHaveTextAsync("Give a reason for the suspension (up to 400 characters).");
        await admin.GetByTestId("suspend-reason").FillAsync("Reported abuse, ticket 7");
        await admin.GetByTestId("suspend-confirm").ClickAsync();

        await Assertions.Expect(admin.GetByTestId("organisation-status")).ToHaveTextAsync("Suspended");
        await Assertions.Expect(owner).ToHaveURLAsync(AccountJourneyTests.LoginUrl());
        await admin.ShouldHaveNoSeriousViolationsAsync();

        await admin.GetByTestId("organisation-lift").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("organisation-status")).ToHaveTextAsync("Active");
        await AccountJourneyTests.SignInAsync(owner, ownerEmail, TestAccounts.Password);
        await Assertions.Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Sam" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_organisation_admin_sees_their_organisation_and_a_member_does_not_get_the_link()
    {
        var admin = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(admin, "admin@acme.test", "Demo-Passw0rd!");
        await admin.GetByRole(AriaRole.Link, new() { Name = "My organisation" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("organisation-title")).ToHaveTextAsync("Acme");
        await admin.ShouldHaveNoSeriousViolationsAsync();

        var member = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(member, "member@acme.test", "Demo-Passw0rd!");
        await Assertions.Expect(member.GetByRole(AriaRole.Link, new() { Name = "My account" })).ToBeVisibleAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Link, new() { Name = "My organisation" })).ToHaveCountAsync(0);
    }
}
