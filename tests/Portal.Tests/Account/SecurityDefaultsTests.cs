using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Account;

public sealed class SecurityDefaultsTests
{
    [Fact]
    public async Task Pages_carry_a_script_locking_content_security_policy_and_hardening_headers()
    {
        await using var factory = new PortalFactory { SeedDemoData = false };
        using var client = new PortalClient(factory);

        var response = await client.Http.GetAsync(new Uri("/Account/Login", UriKind.Relative));

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("script-src 'self';");
        csp.ShouldNotContain("unsafe-inline';  script");
        csp.ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("strict-origin-when-cross-origin");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("<script>");
    }

    [Fact]
    public async Task Outside_development_responses_carry_hsts()
    {
        await using var factory = new PortalFactory { SeedDemoData = false, Environment = "Production" };
        using var client = new PortalClient(factory, "https://portal.example");

        var response = await client.Http.GetAsync(new Uri("/Account/Login", UriKind.Relative));

        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=");
    }

    [Fact]
    public async Task Too_many_sign_in_posts_get_a_429_page()
    {
        await using var factory = new PortalFactory { SeedDemoData = false }.With("RateLimits:AccountPostsPerMinute", "3");
        using var client = new PortalClient(factory);

        for (var i = 0; i < 3; i++)
        {
            (await client.SignInAsync("someone@example.test", "wrong-password")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var limited = await client.SignInAsync("someone@example.test", "wrong-password");

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await limited.Content.ReadAsStringAsync()).ShouldContain("Too many attempts");
    }

    [Fact]
    public async Task Forms_without_an_antiforgery_token_are_rejected()
    {
        await using var factory = new PortalFactory();
        using var client = new PortalClient(factory);

        var response = await client.Http.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = "member@acme.test",
            ["Input.Password"] = "Demo-Passw0rd!",
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Health_answers_for_liveness_and_database_readiness()
    {
        await using var factory = new PortalFactory { SeedDemoData = false };
        using var client = new PortalClient(factory);

        (await client.GetStringAsync("/health")).ShouldBe("Healthy");
        (await client.GetStringAsync("/health/ready")).ShouldBe("Healthy");
    }

    [Fact]
    public async Task The_blazor_client_script_is_served()
    {
        await using var factory = new PortalFactory { SeedDemoData = false };
        using var client = new PortalClient(factory);

        var response = await client.Http.GetAsync(new Uri("/_framework/blazor.web.js", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        (await response.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(100_000);
    }
}
