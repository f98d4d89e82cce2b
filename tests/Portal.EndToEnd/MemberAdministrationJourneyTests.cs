namespace Portal.EndToEnd;

[Collection(PortalInChromium.Name)]
public sealed class MemberAdministrationJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_owner_invites_a_member_who_joins_from_the_email_then_restricts_lifts_and_promotes_them()
    {
        var ownerEmail = await fixture.Server.CreateAsync("Owen");
        var inviteeEmail = $"newcomer-{Guid.NewGuid():N}@example.test";
        var owner = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(owner, ownerEmail, TestAccounts.Password);
        await owner.GotoAsync("/organisation/members");
        await AccountJourneyTests.InteractiveAsync(owner);
        await owner.GetByTestId("add-people").ClickAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "Invite people", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(owner.Locator("main[data-interactive=true]")).ToBeVisibleAsync();

        await owner.GetByTestId("invite-email").FillAsync(inviteeEmail);
        await owner.ChooseAsync("Role", "Member");
        await owner.GetByTestId("invite-send").ClickAsync();


        await Assertions.Expect(owner.GetByTestId("invite-status")).ToContainTextAsync($"Invitation sent to {inviteeEmail}");
        await Assertions.Expect(owner.GetByTestId("pending-invitation")).ToContainTextAsync(inviteeEmail);
        await owner.ShouldHaveNoSeriousViolationsAsync();

        var member = await fixture.NewPageAsync();
        await member.GotoAsync("/dev/mailbox");
        await Assertions.Expect(member.GetByTestId("mailbox-item").Filter(new() { HasText = inviteeEmail })).ToBeVisibleAsync();
        await member.GetByTestId("mailbox-item").Filter(new() { HasText = inviteeEmail }).ClickAsync();
        await member.GetByRole(AriaRole.Link, new() { Name = "Accept the invitation" }).ClickAsync();
        await Assertions.Expect(member.GetByTestId("invitation-title")).ToHaveTextAsync("Join Owen Tester on Portal");
        await member.ShouldHaveNoSeriousViolationsAsync();
        await member.GetByLabel("First name").FillAsync("Nora");
        await member.GetByLabel("Last name").FillAsync("Newcomer");
        await member.GetByLabel("Password", new() { Exact = true }).FillAsync(TestAccounts.Password);
        await member.GetByLabel("Confirm password").FillAsync(TestAccounts.Password);
        await member.GetByLabel("I am 13 years old or older").CheckAsync();
        await member.GetByLabel("I accept the").CheckAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Create my account and join" }).ClickAsync();
        await Assertions.Expect(member.GetByText("You have joined Owen Tester. Sign in to continue.")).ToBeVisibleAsync();
        await AccountJourneyTests.SignInAsync(member, inviteeEmail, TestAccounts.Password);
        await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Nora" })).ToBeVisibleAsync();
        await Assertions.Expect(member.Locator("main[data-interactive=true]")).ToBeVisibleAsync();

        await owner.ReloadAsync();
        await Assertions.Expect(owner.GetByTestId("pending-invitations")).ToHaveCountAsync(0);
        await owner.GotoAsync("/organisation/members");
        await AccountJourneyTests.InteractiveAsync(owner);
        await owner.GetByRole(AriaRole.Link, new() { Name = "Nora Newcomer" }).ClickAsync();
        await Assertions.Expect(owner.GetByTestId("member-title")).ToHaveTextAsync("Nora Newcomer");
        await Assertions.Expect(owner.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await Assertions.Expect(owner.GetByTestId("member-session")).ToHaveCountAsync(1);
        await owner.ShouldHaveNoSeriousViolationsAsync();

        await owner.GetByTestId("member-restrict").ClickAsync();
        await owner.GetByTestId("confirm").ClickAsync();

        await Assertions.Expect(owner.GetByTestId("member-action-status")).ToHaveTextAsync("Member restricted and signed out everywhere.");
        await Assertions.Expect(owner.GetByTestId("member-status")).ToHaveTextAsync("Restricted");
        await Assertions.Expect(member).ToHaveURLAsync(AccountJourneyTests.LoginUrl());
        await AccountJourneyTests.SignInAsync(member, inviteeEmail, TestAccounts.Password);
        await Assertions.Expect(member.GetByRole(AriaRole.Alert)).ToContainTextAsync("That email and password did not work");

        await owner.GetByTestId("member-lift").ClickAsync();
        await owner.GetByTestId("confirm").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("member-status")).ToHaveTextAsync("Active");
        await owner.ChooseAsync("Role", "Administrator");
        await owner.GetByTestId("member-change-role").ClickAsync();
        await owner.GetByTestId("confirm").ClickAsync();

        await Assertions.Expect(owner.GetByTestId("member-action-status")).ToHaveTextAsync("Role changed. The member has been told.");
        await Assertions.Expect(owner.GetByTestId("member-role")).ToHaveTextAsync("Administrator");
        await owner.ShouldHaveNoSeriousViolationsAsync();
        await owner.GetByTestId("member-edit-profile").ClickAsync();
        await owner.GetByLabel("Job title").FillAsync("Support lead");
        await owner.GetByTestId("member-save-profile").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("member-profile-status")).ToHaveTextAsync("Profile saved. The member has been told what changed.");
        await owner.ShouldHaveNoSeriousViolationsAsync();
        await owner.GetByTestId("member-send-reset").ClickAsync();
        await owner.GetByTestId("confirm").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("member-action-status")).ToHaveTextAsync("Reset link sent.");
        await AccountJourneyTests.SignInAsync(member, inviteeEmail, TestAccounts.Password);
        await Assertions.Expect(member.GetByRole(AriaRole.Link, new() { Name = "Members", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_owner_creates_an_account_for_a_colleague_who_then_chooses_their_own_password()
    {
        var ownerEmail = await fixture.Server.CreateAsync("Olga");
        var colleague = $"colleague-{Guid.NewGuid():N}@example.test";
        var owner = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(owner, ownerEmail, TestAccounts.Password);
        await owner.GotoAsync("/organisation/invitations");
        await Assertions.Expect(owner.Locator("main[data-interactive=true]")).ToBeVisibleAsync();

        await owner.GetByTestId("on-behalf-open").ClickAsync();
        await owner.GetByLabel("First name").FillAsync("Colin");
        await owner.GetByLabel("Last name").FillAsync("Colleague");
        await owner.GetByTestId("on-behalf").GetByLabel("Email").FillAsync(colleague);
        await owner.GetByTestId("on-behalf-create").ClickAsync();
        await Assertions.Expect(owner.GetByText("Confirm that you have the authority to act for this person.")).ToBeVisibleAsync();
        await owner.ShouldHaveNoSeriousViolationsAsync();
        await owner.GetByLabel("I confirm that I have the authority").CheckAsync();
        await owner.GetByTestId("on-behalf-create").ClickAsync();

        await Assertions.Expect(owner.GetByTestId("on-behalf-status")).ToContainTextAsync($"Done: {colleague} has been emailed");
        await owner.GotoAsync("/organisation/members");
        var row = owner.GetByRole(AriaRole.Row).Filter(new() { HasText = colleague });
        await Assertions.Expect(row.GetByTestId("member-status")).ToHaveTextAsync("Invited");

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dev/mailbox");
        await page.GetByTestId("mailbox-item").Filter(new() { HasText = colleague }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Choose my password" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Email" }).FillAsync(colleague);
        await page.GetByLabel("New password").FillAsync(TestAccounts.Password);
        await page.GetByLabel("Confirm password").FillAsync(TestAccounts.Password);
        await page.GetByLabel("I accept this account").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept and choose my password" }).ClickAsync();
        await AccountJourneyTests.SignInAsync(page, colleague, TestAccounts.Password);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Colin" })).ToBeVisibleAsync();
        await owner.ReloadAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Row).Filter(new() { HasText = colleague }).GetByTestId("member-status")).ToHaveTextAsync("Active");
    }

    [Fact]
    public async Task An_owner_invites_a_team_from_a_file_after_fixing_the_rows_it_reports()
    {
        var ownerEmail = await fixture.Server.CreateAsync("Flo");
        var owner = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(owner, ownerEmail, TestAccounts.Password);
        await owner.GotoAsync("/organisation/invitations");
        await Assertions.Expect(owner.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        var team = Guid.NewGuid().ToString("N");

        await owner.GetByLabel("Choose a CSV file").First.ChooseFileAsync(Csv($"email,role\nann-{team}@example.test,Admin\nnot an address,Member\n"));

        await Assertions.Expect(owner.GetByTestId("bulk-report-summary")).ToHaveTextAsync("1 of 2 rows need fixing. Nothing was sent: correct the file and choose it again.");
        await Assertions.Expect(owner.GetByTestId("bulk-problem")).ToContainTextAsync("Not a valid email address.");
        await owner.ShouldHaveNoSeriousViolationsAsync();

        await owner.GetByLabel("Choose a CSV file").First.ChooseFileAsync(Csv($"email,role\nann-{team}@example.test,Admin\nben-{team}@example.test,Member\n"));
        await owner.GetByRole(AriaRole.Button, new() { Name = "Send 2 invitations" }).ClickAsync();

        await Assertions.Expect(owner.GetByTestId("bulk-status")).ToHaveTextAsync("2 invitations sent. Each link works for 7 days.");
        await Assertions.Expect(owner.GetByTestId("pending-invitation")).ToHaveCountAsync(2);
        await owner.ShouldHaveNoSeriousViolationsAsync();
    }

    private static FilePayload Csv(string text) => new() { Name = "team.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(text) };
}
