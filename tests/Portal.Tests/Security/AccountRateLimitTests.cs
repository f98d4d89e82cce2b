using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Security;

public sealed class AccountRateLimitTests
{
    private const int Limit = 3;

    [Theory]
    [InlineData("/Account/Login", "login")]
    [InlineData("/Account/LoginWith2fa", "login-2fa")]
    [InlineData("/Account/LoginWithRecoveryCode", "login-recovery")]
    [InlineData("/Account/Register", "register")]
    [InlineData("/join/some-partner", "register")]
    [InlineData("/Account/ForgotPassword", "forgot-password")]
    [InlineData("/Account/ResetPassword", "reset-password")]
    [InlineData("/Account/Welcome", "accept-account")]
    [InlineData("/Account/ResendEmailConfirmation", "resend-email-confirmation")]
    [InlineData("/Account/Reauthenticate", "reauthenticate")]
    [InlineData("/invitations/accept", "join-new")]
    public async Task Case_and_trailing_slash_spellings_of_a_limited_page_spend_one_allowance(string page, string form)
    {
        await using var factory = Limited();
        using var client = new PortalClient(factory);

        foreach (var spelling in new[] { page.ToLowerInvariant(), page + "/", page.ToUpperInvariant() + "/" })
        {
            (await PostAsync(client, spelling, form)).StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests, spelling);
        }

        (await PostAsync(client, page, form)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Theory]
    [InlineData("https://localhost//Account/Login")]
    [InlineData("/Account%2FLogin")]
    [InlineData("/Account%2fLogin")]
    [InlineData("/Account//Login")]
    public async Task Slash_tricks_never_reach_the_sign_in_form(string spelling)
    {
        await using var factory = Limited();
        using var client = new PortalClient(factory);

        for (var i = 0; i <= Limit; i++)
        {
            var response = await PostAsync(client, spelling, "login");

            response.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed, HttpStatusCode.TooManyRequests);
        }
    }

    [Fact]
    public async Task Reading_a_limited_page_is_not_limited()
    {
        await using var factory = Limited();
        using var client = new PortalClient(factory);

        for (var i = 0; i <= Limit; i++)
        {
            (await client.Http.GetAsync(new Uri("/Account/Login/", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    private static PortalFactory Limited() => new PortalFactory { SeedDemoData = false }.With("RateLimits:AccountPostsPerMinute", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static Task<HttpResponseMessage> PostAsync(PortalClient client, string path, string form) =>
        client.SubmitAsync(path, form, new Dictionary<string, string> { ["Input.Email"] = "someone@example.test", ["Input.Password"] = "wrong-password" }, tokenPage: "/Account/Login");
}
