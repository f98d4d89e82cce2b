namespace Portal.EndToEnd;

[Collection(PortalInChromium.Name)]
public sealed class ImpersonationJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Support_acts_as_a_member_edits_their_profile_is_refused_a_password_change_stops_and_the_member_sees_it()
    {
        var support = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(support, "support@portal.test", "Demo-Passw0rd!");
        await support.GotoAsync("/support/users");
        await AccountJourneyTests.InteractiveAsync(support);
        await support.GetByTestId("support-search").FillAsync("member@acme.test");
        await support.GetByTestId("support-find").ClickAsync();
        await support.GetByRole(AriaRole.Link, new() { Name = "Mia Member" }).ClickAsync();
        await Assertions.Expect(support.GetByTestId("support-user-title")).ToHaveTextAsync("Mia Member");
        await support.GetByTestId("impersonate").ClickAsync();

        await Assertions.Expect(support.GetByRole(AriaRole.Heading, new() { Name = "Act as Mia Member", Level = 1 })).ToBeVisibleAsync();
        await support.GetByLabel("Reason").FillAsync("help");
        await support.GetByTestId("start-impersonation").ClickAsync();
        await Assertions.Expect(support.GetByText("Give a reason of 10 to 500 characters")).ToBeVisibleAsync();
        await support.ShouldHaveNoSeriousViolationsAsync();
        await support.GetByLabel("Reason").FillAsync("Mia asked for help with her job title");
        await support.GetByLabel("Ticket reference (optional)").FillAsync("T-2201");
        await support.GetByTestId("start-impersonation").ClickAsync();

        var banner = support.GetByTestId("impersonation-banner");
        await Assertions.Expect(banner).ToContainTextAsync("You are acting as Mia Member (member@acme.test)");
        await Assertions.Expect(support.GetByTestId("user-name")).ToHaveTextAsync("Mia Member");
        await AccountJourneyTests.InteractiveAsync(support);
        await Assertions.Expect(support.GetByTestId("impersonation-time-left")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(29|30):[0-5][0-9]$"));
        await support.ShouldHaveNoSeriousViolationsAsync();

        await support.GetByRole(AriaRole.Link, new() { Name = "My profile" }).ClickAsync();
        await AccountJourneyTests.InteractiveAsync(support);
        await support.GetByRole(AriaRole.Textbox, new() { Name = "Job title" }).FillAsync("Widget buyer");
        await support.GetByTestId("save-profile").ClickAsync();
        await Assertions.Expect(support.GetByTestId("profile-status")).ToContainTextAsync("saved");
        await Assertions.Expect(support.GetByTestId("email-change-held")).ToContainTextAsync("Only the account holder can do this");

        await support.GetByRole(AriaRole.Link, new() { Name = "Security" }).ClickAsync();
        await AccountJourneyTests.InteractiveAsync(support);
        await support.GetByTestId("change-password").ClickAsync();
        await Assertions.Expect(support.GetByText("Only the account holder can do this")).ToBeVisibleAsync();
        await support.ShouldHaveNoSeriousViolationsAsync();

        await support.GetByTestId("stop-impersonation").ClickAsync();
        await Assertions.Expect(support.GetByTestId("support-user-title")).ToHaveTextAsync("Mia Member");
        await Assertions.Expect(support.GetByTestId("impersonation-banner")).ToHaveCountAsync(0);
        await Assertions.Expect(support.GetByTestId("user-name")).ToHaveTextAsync("Sam Support");

        var member = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(member, "member@acme.test", "Demo-Passw0rd!");
        await member.GotoAsync("/account/security");
        await AccountJourneyTests.InteractiveAsync(member);
        var access = member.GetByTestId("support-access-entry").First;
        await Assertions.Expect(access).ToContainTextAsync("Portal support (Sam Support) accessed your account");
        await Assertions.Expect(access).ToContainTextAsync("Mia asked for help with her job title (T-2201)");
        await Assertions.Expect(access).ToContainTextAsync("min");
        await member.ShouldHaveNoSeriousViolationsAsync();
        await member.GotoAsync("/account/activity");
        await Assertions.Expect(member.GetByTestId("activity-list")).ToContainTextAsync("by Portal support, acting for you");

        await member.GotoAsync("/dev/mailbox");
        await Assertions.Expect(member.GetByTestId("mailbox-item").Filter(new() { HasText = "member@acme.test" }).Filter(new() { HasText = "Portal support accessed your account" }).First).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task A_read_only_session_saves_nothing_and_says_so()
    {
        var email = await fixture.Server.CreateAsync("Rita");
        var admin = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(admin, "admin@portal.test", "Demo-Passw0rd!");
        await admin.GotoAsync("/support/users");
        await AccountJourneyTests.InteractiveAsync(admin);
        await admin.GetByTestId("support-search").FillAsync(email);
        await admin.GetByTestId("support-find").ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Rita Tester" }).ClickAsync();
        await admin.GetByTestId("impersonate").ClickAsync();
        await admin.GetByLabel("Reason").FillAsync("Rita reports her profile page looks wrong");
        await admin.GetByLabel("Read-only: look, but change nothing").CheckAsync();
        await admin.GetByTestId("start-impersonation").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("impersonation-banner")).ToContainTextAsync("Read-only");

        await admin.GotoAsync("/account/profile");
        await AccountJourneyTests.InteractiveAsync(admin);
        await admin.GetByRole(AriaRole.Textbox, new() { Name = "Job title" }).FillAsync("Changed while read-only");
        await admin.GetByTestId("save-profile").ClickAsync();

        await Assertions.Expect(admin.GetByTestId("page-error")).ToContainTextAsync("Nothing was saved: this support session is read-only.");
        await admin.ShouldHaveNoSeriousViolationsAsync();
        await admin.GetByTestId("stop-impersonation").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("support-user-title")).ToHaveTextAsync("Rita Tester");
    }
}
