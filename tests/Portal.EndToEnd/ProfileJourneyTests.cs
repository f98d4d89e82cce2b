using Portal.Tests.Profiles.Photos;

namespace Portal.EndToEnd;

[Collection(PortalInChromium.Name)]
public sealed class ProfileJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_member_edits_their_profile_makes_it_public_and_indexable_and_anyone_can_read_it()
    {
        var page = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(page, "owner@globex.test", "Demo-Passw0rd!");
        await page.GetByRole(AriaRole.Link, new() { Name = "My profile" }).ClickAsync();
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Username" }).FillAsync("gina-globex");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Job title" }).FillAsync("Chief Widget Officer");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Phone" }).FillAsync("12345");
        await page.GetByTestId("save-profile").ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-status")).ToContainTextAsync("Nothing was saved");
        await Assertions.Expect(page.GetByText("international format, starting with +")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Phone" }).FillAsync("+44 20 7946 0958");
        // Each choice makes a round trip to the server, which redraws the section; wait for each to settle.
        await page.GetByLabel("Anyone with the link").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Anyone with the link")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Let search engines index my page")).ToBeEnabledAsync();
        await page.GetByLabel("Let search engines index my page").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Let search engines index my page")).ToBeCheckedAsync();
        await page.GetByTestId("save-profile").ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-status")).ToContainTextAsync("Your profile is saved");

        // The upload renders a fresh file input after each choice, so that the same file can be chosen again: use the newest.
        await page.GetByTestId("photo-input").Last.ChooseFileAsync(new FilePayload { Name = "notes.jpg", MimeType = "image/jpeg", Buffer = "MZ this is a program"u8.ToArray() });
        await Assertions.Expect(page.GetByTestId("photo-status")).ToContainTextAsync("not a photo");
        await page.GetByTestId("photo-input").Last.ChooseFileAsync(new FilePayload { Name = "me.png", MimeType = "image/png", Buffer = TestImages.Png(96, 96) });
        await Assertions.Expect(page.GetByTestId("photo-status")).ToContainTextAsync("Your photo is saved");
        await Assertions.Expect(page.GetByTestId("profile-photo")).ToBeVisibleAsync();

        var visitor = await fixture.NewPageAsync();
        var response = await visitor.GotoAsync("/u/gina-globex");
        response!.Status.ShouldBe(200);
        (await response.AllHeadersAsync()).ContainsKey("x-robots-tag").ShouldBeFalse();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Gina Globex" })).ToBeVisibleAsync();
        await Assertions.Expect(visitor.GetByText("Chief Widget Officer")).ToBeVisibleAsync();
        await Assertions.Expect(visitor.Locator("meta[name=robots]")).ToHaveCountAsync(0);
        (await visitor.Locator("img.profile-photo").EvaluateAsync<int>("img => img.naturalWidth")).ShouldBe(96);
        await visitor.ShouldHaveNoSeriousViolationsAsync();
    }
}
