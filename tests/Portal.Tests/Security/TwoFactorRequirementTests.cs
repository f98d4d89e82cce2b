using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Security;

/// <summary>An organisation's two-factor rule holds for every endpoint, not only for pages drawn in the layout.</summary>
public sealed class TwoFactorRequirementTests : AppTest
{
    private const string Admin = "admin@acme.test";

    [Fact]
    public async Task Until_two_factor_is_set_up_downloads_and_other_endpoints_refuse()
    {
        await TwoFactorTests.RequireTwoFactorAsync(Factory, "acme");
        using var client = new PortalClient(Factory);
        (await client.PasswordStepAsync(Admin)).ShouldBe("/");
        var member = await Factory.UserIdAsync("member@acme.test");

        foreach (var endpoint in new[] { "/organisation/audit.csv", $"/organisation/members/{member}/export", "/organisation/logo", "/account/photo" })
        {
            var response = await client.Http.GetAsync(new Uri(endpoint, UriKind.Relative));

            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, endpoint);
            response.Content.Headers.ContentType?.MediaType.ShouldNotBe("text/csv", endpoint);
        }

        (await client.Http.GetAsync(new Uri("/account/security", UriKind.Relative))).RedirectTarget().ShouldBe("/account/security/two-factor");
    }

    [Fact]
    public async Task Until_two_factor_is_set_up_the_setup_page_confirmation_sign_out_and_assets_stay_open()
    {
        await TwoFactorTests.RequireTwoFactorAsync(Factory, "acme");
        using var client = new PortalClient(Factory);
        (await client.PasswordStepAsync(Admin)).ShouldBe("/");

        (await client.Http.GetAsync(new Uri("/account/security/two-factor", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.Http.GetAsync(new Uri("/Account/Reauthenticate?returnUrl=%2Faccount%2Fsecurity%2Ftwo-factor", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.Http.GetAsync(new Uri("/_framework/blazor.web.js", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var signOut = await client.SubmitAsync("/Account/Logout", "logout", new Dictionary<string, string>(), tokenPage: "/account/security/two-factor");

        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.Http.GetAsync(new Uri("/account/profile", UriKind.Relative))).RedirectTarget().ShouldStartWith("/Account/Login");
    }

    [Fact]
    public async Task Once_two_factor_is_set_up_the_endpoints_answer()
    {
        await TwoFactorTests.RequireTwoFactorAsync(Factory, "acme");
        using var client = new PortalClient(Factory);
        (await client.PasswordStepAsync(Admin)).ShouldBe("/");

        await Factory.EnableTwoFactorAsync(Admin);

        (await client.Http.GetAsync(new Uri("/organisation/audit.csv", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
