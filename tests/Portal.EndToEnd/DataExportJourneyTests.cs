using System.IO.Compression;
using System.Text.Json;

namespace Portal.EndToEnd;

[Collection(PortalInChromium.Name)]
public sealed class DataExportJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_person_asks_for_a_copy_of_their_data_is_emailed_and_downloads_it_once()
    {
        var email = await fixture.Server.CreateAsync("Dana");
        var page = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(page, email, TestAccounts.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Privacy" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "A copy of your data" })).ToBeVisibleAsync();
        await AccountJourneyTests.InteractiveAsync(page);
        await page.ShouldHaveNoSeriousViolationsAsync();

        await page.GetByTestId("data-export-request").ClickAsync();
        await Assertions.Expect(page.GetByTestId("data-export-ready")).ToContainTextAsync("Your copy is ready", new() { Timeout = 30_000 });
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.SetViewportSizeAsync(390, 844);
        // The layout follows the new width (the drawer closes) before the page can fit it.
        await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= window.innerWidth");
        await page.SetViewportSizeAsync(1280, 900);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("data-export-download").ClickAsync());
        download.SuggestedFilename.ShouldStartWith("portal-data-");
        var saved = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.zip");
        try
        {
            await download.SaveAsAsync(saved);
            using var zip = ZipFile.OpenRead(saved);
            await using var manifestStream = zip.GetEntry("manifest.json")!.Open();
            using var manifest = await JsonDocument.ParseAsync(manifestStream);
            var files = manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("file").GetString()).ToList();
            files.ShouldContain("account.json");
            files.ShouldContain("sign-ins.json");
            await using var accountStream = zip.GetEntry("account.json")!.Open();
            (await new StreamReader(accountStream).ReadToEndAsync()).ShouldContain(email);
        }
        finally
        {
            File.Delete(saved);
        }

        await Assertions.Expect(page.GetByTestId("data-export-downloaded")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("data-export-next")).ToContainTextAsync("You can ask for another copy after");

        await Mailbox.OpenAsync(page, email, "Your copy of your Portal data is ready");
        await Assertions.Expect(page.GetByText("It can be downloaded once")).ToBeVisibleAsync();
    }
}
