using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Audit;
using Portal.Web.Features.Security;

namespace Portal.Tests.Security;

public sealed class ReauthenticationTests : AppTest
{
    private const string Member = "member@acme.test";

    [Fact]
    public async Task A_sign_in_counts_as_confirmation_for_five_minutes_and_confirming_again_renews_it()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        var session = (await Factory.SessionsAsync(Member)).Single();
        (await IsRecentAsync(session)).ShouldBeTrue();

        Factory.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        (await IsRecentAsync(session)).ShouldBeFalse();

        var wrong = await client.SubmitAsync("/Account/Reauthenticate?returnUrl=%2Faccount%2Fsecurity%2Fpasskeys", "reauthenticate",
            new Dictionary<string, string> { ["Input.Password"] = "not-my-password" });
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("That password is not correct");
        (await IsRecentAsync(session)).ShouldBeFalse();

        var right = await client.SubmitAsync("/Account/Reauthenticate?returnUrl=%2Faccount%2Fsecurity%2Fpasskeys", "reauthenticate",
            new Dictionary<string, string> { ["Input.Password"] = "Demo-Passw0rd!" });

        right.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        right.Headers.Location!.AbsolutePath.ShouldBe("/account/security/passkeys");
        (await IsRecentAsync(session)).ShouldBeTrue();
        await using var db = Factory.CreateDbContext();
        db.AuditEvents.Where(e => e.SubjectId == session.UserId).Select(e => e.Action).ToList().ShouldContain(AuditActions.Reauthenticated);
        db.SignInAttempts.Where(a => a.UserId == session.UserId).Select(a => a.Outcome).ToList().ShouldContain(SignInOutcome.WrongPassword);
    }

    [Fact]
    public async Task Confirmation_never_redirects_off_site()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);

        var response = await client.SubmitAsync("/Account/Reauthenticate?returnUrl=https%3A%2F%2Fevil.example%2F", "reauthenticate",
            new Dictionary<string, string> { ["Input.Password"] = "Demo-Passw0rd!" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.Host.ShouldBe("localhost");
    }

    [Fact]
    public async Task The_cancel_link_never_points_off_site()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);

        foreach (var returnUrl in new[] { "https://evil.example/", "//evil.example", "/\\evil.example", "\\/evil.example", "/\t/evil.example", "javascript:alert(1)" })
        {
            var html = await client.GetStringAsync("/Account/Reauthenticate?returnUrl=" + Uri.EscapeDataString(returnUrl));

            CancelHref(html).ShouldBe("account/security", returnUrl);
        }

        CancelHref(await client.GetStringAsync("/Account/Reauthenticate?returnUrl=%2Faccount%2Fsecurity%2Fpasskeys")).ShouldBe("/account/security/passkeys");
    }

    [Fact]
    public async Task Confirmation_needs_a_signed_in_person()
    {
        using var client = new PortalClient(Factory);

        var response = await client.Http.GetAsync(new Uri("/Account/Reauthenticate", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    private static string CancelHref(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "<a href=\"(?<href>[^\"]*)\">Cancel</a>").Groups["href"].Value);

    private async Task<bool> IsRecentAsync(UserSession session)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserSessions>().IsRecentlyAuthenticatedAsync(session.Id, session.UserId);
    }
}
