using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Data;
using Portal.Tests.Infrastructure;
using Portal.Web.Audit;

namespace Portal.Tests.Account;

public sealed class SignInTests : AppTest
{
    [Fact]
    public async Task A_new_account_signs_in_only_after_confirming_its_address()
    {
        using var client = new PortalClient(Factory);
        await client.SubmitAsync("/Account/Register", "register", RegistrationTests.Form("new@example.test"));

        var before = await client.SignInAsync("new@example.test", "correct horse battery");
        (await before.Content.ReadAsStringAsync()).ShouldContain("did not work");

        var link = (await Factory.ToAsync("new@example.test")).Single().LinkTo("/Account/ConfirmEmail");
        (await client.GetStringAsync(link)).ShouldContain("your email address is confirmed");

        var after = await client.SignInAsync("new@example.test", "correct horse battery");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var dashboard = await client.Http.GetAsync(new Uri("/", UriKind.Relative));
        dashboard.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await dashboard.Content.ReadAsStringAsync()).ShouldContain("Welcome, Zoë");
        await AssertAuditedAsync("new@example.test", AuditActions.Registered, AuditActions.SignInFailed, AuditActions.EmailConfirmed, AuditActions.SignedIn);
    }

    [Fact]
    public async Task The_auth_cookie_is_host_prefixed_secure_httponly_lax_and_session_scoped_without_remember_me()
    {
        using var client = new PortalClient(Factory);

        var response = await client.SignInAsync("member@acme.test");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-Portal=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.ShouldContain("secure");
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=lax");
        cookie.ShouldContain("path=/");
        cookie.ShouldNotContain("expires=");
        cookie.ShouldNotContain("domain=");
    }

    [Fact]
    public async Task Remember_me_makes_the_cookie_persistent()
    {
        using var client = new PortalClient(Factory);

        var response = await client.SignInAsync("member@acme.test", rememberMe: true);

        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-Portal=", StringComparison.Ordinal)).ShouldContain("expires=");
    }

    [Fact]
    public async Task Unknown_address_and_wrong_password_get_the_same_answer()
    {
        using var client = new PortalClient(Factory);

        var unknown = await (await client.SignInAsync("nobody@example.test", "whatever-password")).Content.ReadAsStringAsync();
        var wrong = await (await client.SignInAsync("member@acme.test", "wrong-password")).Content.ReadAsStringAsync();

        Message(unknown).ShouldBe(Message(wrong));
        Message(wrong).ShouldContain("did not work");

        static string Message(string html) => html[html.IndexOf("role=\"alert\"", StringComparison.Ordinal)..][..200];
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_the_right_one_is_refused()
    {
        using var client = new PortalClient(Factory);
        for (var i = 0; i < 5; i++)
        {
            (await client.SignInAsync("member@acme.test", "wrong-password")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var locked = await client.SignInAsync("member@acme.test");

        locked.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var db = Factory.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == "member@acme.test");
        user.LockoutEnd.ShouldNotBeNull();
        (user.LockoutEnd!.Value - DateTimeOffset.UtcNow).ShouldBeGreaterThan(TimeSpan.FromMinutes(4));
        await AssertAuditedAsync("member@acme.test", AuditActions.SignInFailed, AuditActions.SignInFailed, AuditActions.SignInFailed, AuditActions.SignInFailed, AuditActions.LockedOut, AuditActions.LockedOut);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_is_audited()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync("member@acme.test");
        var dashboard = await client.GetStringAsync("/");

        var token = System.Text.RegularExpressions.Regex.Match(dashboard, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signOut = await client.Http.PostAsync(new Uri("/Account/Logout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["ReturnUrl"] = "",
        }));

        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.Http.GetAsync(new Uri("/", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await AssertAuditedAsync("member@acme.test", AuditActions.SignedIn, AuditActions.SignedOut);
    }

    private async Task AssertAuditedAsync(string email, params string[] actions)
    {
        await using var db = Factory.CreateDbContext();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var recorded = await db.AuditEvents.Where(e => e.SubjectId == userId).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
        recorded.ShouldBe(actions);
    }
}
