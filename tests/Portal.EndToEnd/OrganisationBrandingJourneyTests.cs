using Portal.Tests.Profiles.Photos;

namespace Portal.EndToEnd;

[Collection(PortalInChromium.Name)]
public sealed class OrganisationBrandingJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_owner_verifies_a_domain_and_a_colleague_who_signs_up_with_it_joins()
    {
        var domain = $"d{Guid.NewGuid():N}.test";
        var ownerEmail = await fixture.Server.CreateAsync("Vera");
        var owner = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(owner, ownerEmail, TestAccounts.Password);
        await owner.GotoAsync("/organisation/settings");
        await Assertions.Expect(owner.Locator("main[data-interactive=true]")).ToBeVisibleAsync();

        await owner.GetByTestId("domain-new").FillAsync(domain.ToUpperInvariant());
        await owner.GetByTestId("domain-add").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("domain-status")).ToHaveTextAsync("Waiting for its DNS record");
        await owner.GetByTestId("domain-verify").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("domain-message")).ToContainTextAsync("was not found");
        await owner.ShouldHaveNoSeriousViolationsAsync();

        var name = await owner.GetByTestId("domain-record-name").TextContentAsync();
        var value = await owner.GetByTestId("domain-record-value").TextContentAsync();
        fixture.Server.Dns.PublishTxt(name!, value!);
        await owner.GetByTestId("domain-verify").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("domain-status")).ToContainTextAsync("Verified on");

        var colleagueEmail = await fixture.Server.CreateAsync("Cleo", $"cleo@{domain}");
        var colleague = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(colleague, colleagueEmail, TestAccounts.Password);
        await Assertions.Expect(colleague.GetByTestId("domain-offer")).ToContainTextAsync($"Vera Tester has verified {domain}");
        await Assertions.Expect(colleague.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
        await colleague.ShouldHaveNoSeriousViolationsAsync();
        await colleague.GetByTestId("domain-offer-join").ClickAsync();
        await colleague.GetByTestId("confirm").ClickAsync();

        await Assertions.Expect(colleague).ToHaveURLAsync(AccountJourneyTests.LoginUrl());
        await AccountJourneyTests.SignInAsync(colleague, colleagueEmail, TestAccounts.Password);
        await Assertions.Expect(colleague.GetByTestId("dashboard-organisation")).ToHaveTextAsync("Vera Tester");
        await Assertions.Expect(colleague.GetByTestId("domain-offer")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_owner_uploads_a_logo_that_members_see_beside_the_organisation_s_name()
    {
        var ownerEmail = await fixture.Server.CreateAsync("Lena");
        var owner = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(owner, ownerEmail, TestAccounts.Password);
        await owner.GotoAsync("/organisation/settings");
        await Assertions.Expect(owner.Locator("main[data-interactive=true]")).ToBeVisibleAsync();

        await owner.GetByTestId("logo-input").First.ChooseFileAsync(new FilePayload { Name = "logo.txt", MimeType = "image/png", Buffer = "not an image"u8.ToArray() });
        await Assertions.Expect(owner.GetByTestId("logo-status")).ToContainTextAsync("not a photo");
        await owner.GetByTestId("logo-input").First.ChooseFileAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = TestImages.Png(120, 40) });
        await Assertions.Expect(owner.GetByTestId("logo-status")).ToContainTextAsync("The logo is saved");
        await Assertions.Expect(owner.GetByTestId("logo-image")).ToBeVisibleAsync();
        await owner.ShouldHaveNoSeriousViolationsAsync();

        await owner.ReloadAsync();
        await Assertions.Expect(owner.GetByTestId("organisation-mark")).ToBeVisibleAsync();
        (await owner.GetByTestId("organisation-mark").EvaluateAsync<int>("img => img.naturalWidth")).ShouldBe(120);
    }
}
