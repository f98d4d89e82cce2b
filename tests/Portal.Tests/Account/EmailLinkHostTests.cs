using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Account;

public sealed class EmailLinkHostTests
{
    private static readonly Dictionary<string, string> Owner = new() { ["Input.Email"] = "owner@acme.test" };

    [Fact]
    public async Task A_forged_host_header_never_reaches_a_reset_email()
    {
        await using var factory = new PortalFactory().With("Portal:BaseUrl", "");
        using var client = new PortalClient(factory);

        var response = await client.SubmitAsync("/Account/ForgotPassword", "forgot-password", Owner, host: "evil.example");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await factory.ToAsync("owner@acme.test")).ShouldAllBe(m => !m.HtmlBody.Contains("evil.example") && !m.TextBody.Contains("evil.example"));
    }

    [Fact]
    public async Task With_every_host_allowed_and_no_base_url_links_ignore_the_request_host()
    {
        await using var factory = new PortalFactory().With("Portal:BaseUrl", "").With("AllowedHosts", "*");
        using var client = new PortalClient(factory);

        await client.SubmitAsync("/Account/ForgotPassword", "forgot-password", Owner, host: "evil.example");

        var mail = (await factory.ToAsync("owner@acme.test")).ShouldHaveSingleItem();
        mail.HtmlBody.ShouldNotContain("evil.example");
        mail.TextBody.ShouldNotContain("evil.example");
        mail.HtmlBody.ShouldContain("http://localhost/Account/ResetPassword?code=");
    }

    [Fact]
    public async Task Without_a_base_url_links_start_at_an_allowed_request_host()
    {
        await using var factory = new PortalFactory().With("Portal:BaseUrl", "");
        using var client = new PortalClient(factory, "https://127.0.0.1:7443");

        await client.SubmitAsync("/Account/ForgotPassword", "forgot-password", Owner);

        (await factory.ToAsync("owner@acme.test")).ShouldHaveSingleItem().HtmlBody.ShouldContain("https://127.0.0.1:7443/Account/ResetPassword?code=");
    }

    [Fact]
    public async Task Outside_development_start_up_without_a_base_url_or_named_allowed_hosts_fails_with_a_clear_message()
    {
        await using var factory = new PortalFactory { SeedDemoData = false, Environment = "Production" }.With("Portal:BaseUrl", "").With("AllowedHosts", "*");

        var failure = Should.Throw<Exception>(() => factory.CreateClient());

        Messages(failure).ShouldContain(m => m.Contains("Set Portal:BaseUrl", StringComparison.Ordinal) && m.Contains("AllowedHosts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_development_named_allowed_hosts_are_enough_to_start()
    {
        await using var factory = new PortalFactory { SeedDemoData = false, Environment = "Production" }.With("Portal:BaseUrl", "").With("AllowedHosts", "portal.example");
        using var client = new PortalClient(factory, "https://portal.example");

        (await client.Http.GetAsync(new Uri("/Account/Login", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static IEnumerable<string> Messages(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception.Message;
        }
    }
}
